package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/ld"
	"github.com/gxwallet/gxwallet/core/verify"
)

// runBundle dispatches `gxwallet bundle create`.
func runBundle(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(stderr, "usage: gxwallet bundle create --out FILE [flags] INPUT...")
		return 2
	}
	return runBundleCreate(args[1:], stdin, stdout, stderr)
}

// runBundleCreate verifies each input once, recording every resource the
// verification fetched (DID documents, status lists, parent credentials,
// trusted-list answers), and writes them with their fetch times as an
// offline bundle for `gxwallet verify --bundle FILE --offline`.
func runBundleCreate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bundle create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		out string
		vf  verifyFlags
	)
	fs.StringVar(&out, "out", "", "write the bundle to this file (required)")
	vf.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: gxwallet bundle create --out FILE [flags] INPUT...\n\nflags:\n")
		fs.PrintDefaults()
	}
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "gxwallet bundle create: "+format+"\n", a...)
		return 2
	}
	if out == "" || len(inputs) == 0 {
		fs.Usage()
		return 2
	}
	req, opts, err := vf.options()
	if err != nil {
		return fail("%v", err)
	}
	now := time.Now()
	rec := &bundle.Recorder{Next: opts.Fetcher, Now: now, Kind: bundle.KindOf}
	opts.Fetcher = rec
	embedded := map[string]bool{}
	for _, u := range ld.EmbeddedURLs() {
		embedded[u] = true
	}
	for _, name := range inputs {
		input, err := readInput(name, stdin)
		if err != nil {
			return fail("%v", err)
		}
		// JSON-LD contexts the verifier does not embed are fetched once
		// here and kept in the bundle, so offline verification can use them.
		for _, u := range contextURLs(input) {
			if embedded[strings.SplitN(u, "#", 2)[0]] || opts.Contexts[u] != nil {
				continue
			}
			b, err := rec.Fetch(context.Background(), u)
			if err != nil {
				fmt.Fprintf(stderr, "gxwallet bundle create: context %s: %v\n", u, err)
				continue
			}
			if opts.Contexts == nil {
				opts.Contexts = map[string][]byte{}
			}
			opts.Contexts[u] = b
		}
		r, verr := verify.Verify(context.Background(), input, opts)
		note := ""
		if verr != nil {
			note = " (" + verr.Error() + ")"
		}
		fmt.Fprintf(stdout, "%s: %s%s\n", name, r.Status, note)
	}
	b := rec.Bundle
	if b.Type == "" {
		b = *bundle.New(now)
	}
	b.DIDDocuments = req.DIDDocs
	raw, err := b.Marshal()
	if err != nil {
		return fail("%v", err)
	}
	if err := writeFileAtomic(out, raw); err != nil {
		return fail("%v", err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d resources, %d DID documents\n", out, len(b.Resources), len(b.DIDDocuments))
	return 0
}

// writeFileAtomic writes b to name through a temporary file and a rename,
// so a reader never sees half a bundle.
func writeFileAtomic(name string, b []byte) error {
	tmp, err := os.CreateTemp(dirOf(name), ".bundle-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

func dirOf(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[:i+1]
	}
	return "."
}

// contextURLs lists the @context URLs anywhere in a JSON input (a
// credential, or a presentation with embedded credentials).
func contextURLs(input []byte) []string {
	var doc any
	if json.Unmarshal(input, &doc) != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 32 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if k == "@context" {
					for _, c := range asList(val) {
						if s, ok := c.(string); ok && !seen[s] {
							seen[s] = true
							out = append(out, s)
						}
					}
					continue
				}
				walk(val, depth+1)
			}
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		}
	}
	walk(doc, 0)
	return out
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}
