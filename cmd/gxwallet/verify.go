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
	"text/tabwriter"

	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/verify"
)

// Exit statuses of `gxwallet verify`; scripts depend on them.
const (
	exitActive       = 0
	exitNotActive    = 1
	exitCannotDecide = 2
)

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// verifyFlags are the flags that become verification options; verify and
// bundle create share them.
type verifyFlags struct {
	offline                                    bool
	now, nonce, aud, bundle                    string
	didDocs, resources, trusts, known, anchors multiFlag
	scopes, governance                         multiFlag
}

func (f *verifyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.now, "now", "", "evaluate at this RFC 3339 instant (default: the clock)")
	fs.Var(&f.didDocs, "did-doc", "use this DID document for the DID in its \"id\", or a controller document for an https issuer (repeatable)")
	fs.Var(&f.resources, "resource", "answer a fetch of URL with FILE's bytes, as URL=FILE (repeatable): status lists, parent credentials, trusted lists")
	fs.Var(&f.trusts, "trust-issuer", "accept this issuer DID, or one key as a DID URL (repeatable)")
	fs.Var(&f.anchors, "trust-anchor", "accept issuers whose key's x5c chain leads to this PEM root certificate (repeatable)")
	fs.Var(&f.scopes, "trust-scope", "a Trusted Scope Credential accrediting issuers; it must be issued by a --governance DID (repeatable)")
	fs.Var(&f.governance, "governance", "accept Trusted Scope Credentials issued by this DID (repeatable)")
	fs.Var(&f.known, "known", "another credential the verifier has seen (repeatable)")
	fs.StringVar(&f.bundle, "bundle", "", "offline bundle (gxwallet bundle create) answering DID documents and fetches")
	fs.StringVar(&f.nonce, "nonce", "", "expected key-binding nonce for presentations")
	fs.StringVar(&f.aud, "aud", "", "expected key-binding audience for presentations")
	fs.BoolVar(&f.offline, "offline", false, "no network at all; a missing resource is a coded error")
}

// options turns the flags into verification options: the request (the
// JSON options contract) applied over the trust anchors and, unless
// --offline, the HTTPS fetcher.
func (f *verifyFlags) options() (verify.Request, verify.Options, error) {
	req, anchors, err := f.request()
	if err != nil {
		return req, verify.Options{}, err
	}
	base := verify.Options{Policy: verify.Policy{TrustAnchors: anchors}}
	if !f.offline {
		base.Fetcher = newHTTPFetcher()
	}
	opts, err := req.Apply(base)
	return req, opts, err
}

// request turns the flags into the JSON options contract, reading the
// files they name.
func (f *verifyFlags) request() (verify.Request, []string, error) {
	req := verify.Request{Now: f.now, TrustedIssuers: f.trusts, Nonce: f.nonce, Aud: f.aud, Offline: f.offline, GovernanceAuthorities: f.governance}
	for _, name := range f.scopes {
		b, err := readFile(name)
		if err != nil {
			return req, nil, fmt.Errorf("--trust-scope: %w", err)
		}
		req.TrustedScopes = append(req.TrustedScopes, jsonString(b))
	}
	var anchors []string
	for _, name := range f.didDocs {
		b, err := readFile(name)
		if err != nil {
			return req, nil, fmt.Errorf("--did-doc: %w", err)
		}
		req.DIDDocs = append(req.DIDDocs, b)
	}
	for _, kv := range f.resources {
		url, file, ok := strings.Cut(kv, "=")
		if !ok || url == "" || file == "" {
			return req, nil, fmt.Errorf("--resource %q: want URL=FILE", kv)
		}
		b, err := readFile(file)
		if err != nil {
			return req, nil, fmt.Errorf("--resource: %w", err)
		}
		if req.Resources == nil {
			req.Resources = map[string]json.RawMessage{}
		}
		req.Resources[url] = jsonString(b)
	}
	for _, name := range f.known {
		b, err := readFile(name)
		if err != nil {
			return req, nil, fmt.Errorf("--known: %w", err)
		}
		req.Known = append(req.Known, jsonString(b))
	}
	for _, name := range f.anchors {
		b, err := readFile(name)
		if err != nil {
			return req, nil, fmt.Errorf("--trust-anchor: %w", err)
		}
		anchors = append(anchors, string(b))
	}
	if f.bundle != "" {
		b, err := os.ReadFile(f.bundle)
		if err != nil {
			return req, nil, fmt.Errorf("--bundle: %w", err)
		}
		req.Bundle = b
	}
	return req, anchors, nil
}

func jsonString(b []byte) json.RawMessage {
	s, _ := json.Marshal(string(b))
	return s
}

func runVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		asJSON bool
		vf     verifyFlags
	)
	fs.BoolVar(&asJSON, "json", false, "print the Result as JSON (default: a readable table)")
	vf.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: gxwallet verify [flags] FILE   (FILE \"-\" reads stdin)\n\nflags:\n")
		fs.PrintDefaults()
		fmt.Fprint(stderr, "\nexit status: 0 active, 1 evaluated and not active, 2 could not evaluate\n")
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitActive
		}
		return exitCannotDecide
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "gxwallet verify: want exactly one FILE (or - for stdin)")
		fs.Usage()
		return exitCannotDecide
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "gxwallet verify: "+format+"\n", a...)
		return exitCannotDecide
	}

	input, err := readInput(positional[0], stdin)
	if err != nil {
		return fail("%v", err)
	}
	_, opts, err := vf.options()
	if err != nil {
		return fail("%v", err)
	}
	res, verr := verify.Verify(context.Background(), input, opts)
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			return fail("%v", err)
		}
	} else {
		printTable(stdout, res, "")
	}
	if verr != nil {
		fmt.Fprintf(stderr, "gxwallet verify: %v\n", verr)
		return exitCannotDecide
	}
	if res.Status != verify.StatusActive {
		return exitNotActive
	}
	return exitActive
}

// parseNoArgs parses a command's flags when it takes no positional
// arguments. ok is false when the command must stop, with the exit status:
// 0 for -h, 2 for a bad flag or a stray argument.
func parseNoArgs(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("verify FILE --json").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return readBounded(stdin, "stdin")
	}
	return readFile(name)
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readBounded(f, name)
}

// readBounded reads at most maxFileBytes; a larger input is read only up to
// one byte past the bound, so the verifier reports it as too large
// without holding it all.
func readBounded(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return b, nil
}

// maxFileBytes bounds what the CLI reads from one file: the larger of the
// verifier's input bound and a fetched resource's bound.
const maxFileBytes = max(verify.MaxInputBytes, fetch.MaxBytes)

func printTable(w io.Writer, r verify.Result, indent string) {
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintf(tw, "%sstatus\t%s\n", indent, r.Status)
	for _, kv := range [][2]string{{"format", string(r.Format)}, {"issuer", r.Issuer}, {"subject", r.Subject}} {
		if kv[1] != "" {
			fmt.Fprintf(tw, "%s%s\t%s\n", indent, kv[0], kv[1])
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "%schecks:\n", indent)
	tw = tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	for _, c := range r.Checks {
		mark := map[verify.CheckStatus]string{verify.Pass: "ok", verify.Fail: "FAIL", verify.Skipped: "skip", verify.Indeterminate: "??"}[c.Status]
		fmt.Fprintf(tw, "%s  %s\t%s\t%s\t%s\n", indent, mark, c.ID, c.Code, c.Detail)
	}
	tw.Flush()
	for i, inner := range r.Credentials {
		fmt.Fprintf(w, "%scredential %d:\n", indent, i+1)
		printTable(w, inner, indent+"  ")
	}
}
