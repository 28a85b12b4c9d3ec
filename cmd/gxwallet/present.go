package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/sdjwt"
)

// runPresent makes a selective-disclosure presentation of an SD-JWT: only
// the named claims are disclosed, and with --key a KB-JWT binds it to the
// verifier's nonce and audience (RFC 9901 §4.3).
func runPresent(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("present", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var claims, keyFile, alg, nonce, aud string
	var list bool
	fs.StringVar(&claims, "claims", "", "comma-separated claim paths to disclose, e.g. given_name,credentialSubject.gx:identityRoles[1]")
	fs.StringVar(&keyFile, "key", "", "the holder's private key (JWK or PEM) for key binding; without it no KB-JWT is added")
	fs.StringVar(&alg, "alg", "", "KB-JWT algorithm (default: the one that fits the key)")
	fs.StringVar(&nonce, "nonce", "", "the verifier's nonce, for the KB-JWT")
	fs.StringVar(&aud, "aud", "", "the verifier's identifier, for the KB-JWT")
	fs.BoolVar(&list, "list", false, "list the disclosable claims with their paths and values instead")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: gxwallet present [--list | --claims PATHS [--key K --nonce N --aud A]] CREDENTIAL\n\nflags:\n")
		fs.PrintDefaults()
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "gxwallet present: "+format+"\n", a...)
		return 2
	}
	if len(positional) != 1 {
		fs.Usage()
		return 2
	}
	raw, err := readInput(positional[0], stdin)
	if err != nil {
		return fail("%v", err)
	}
	s, err := sdjwt.Parse(strings.TrimSpace(string(raw)))
	if err != nil {
		return fail("%v", err)
	}
	if list {
		cs, err := s.Disclosable()
		if err != nil {
			return fail("%v", err)
		}
		for _, c := range cs {
			fmt.Fprintf(stdout, "%s\t%v\n", formatPath(c.Path), c.Value)
		}
		return 0
	}
	var paths [][]any
	for _, p := range strings.Split(claims, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		path, err := parsePath(p)
		if err != nil {
			return fail("--claims: %v", err)
		}
		paths = append(paths, path)
	}
	var kb *sdjwt.KBOptions
	if keyFile != "" {
		b, err := readFile(keyFile)
		if err != nil {
			return fail("--key: %v", err)
		}
		key, err := parsePrivateKey(b)
		if err != nil {
			return fail("--key: %v", err)
		}
		kb = &sdjwt.KBOptions{Signer: key, Alg: alg, Nonce: nonce, Aud: aud, IAT: time.Now()}
	} else if nonce != "" || aud != "" {
		return fail("--nonce and --aud need --key: they are carried in the key-binding JWT")
	}
	out, err := s.Present(paths, kb)
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintln(stdout, out)
	return 0
}

// parsePath reads a claim path: names separated by ".", array indexes in
// brackets: credentialSubject.gx:identityRoles[1].
func parsePath(s string) ([]any, error) {
	var out []any
	for _, part := range strings.Split(s, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, name)
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if !ok || err != nil || n < 0 {
				return nil, fmt.Errorf("bad index in %q", s)
			}
			out = append(out, n)
			rest = strings.TrimPrefix(after, "[")
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty path")
	}
	return out, nil
}

// formatPath writes a path the way parsePath reads it.
func formatPath(p []any) string {
	var b strings.Builder
	for i, e := range p {
		switch x := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", x)
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, x)
		}
	}
	return b.String()
}
