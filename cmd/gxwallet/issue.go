package main

import (
	"crypto"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/di"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/ld"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/verify"
)

// runIssue signs a credential (or presentation) JSON document as a
// compact JWS (VC-JOSE-COSE §3.1): the payload is the document itself.
func runIssue(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var keyFile, kid, alg, typ, proof, flavour string
	var contexts multiFlag
	fs.StringVar(&keyFile, "key", "", "private key of the issuer: a JWK, or PEM (PKCS#8, PKCS#1, SEC 1) (required)")
	fs.StringVar(&kid, "kid", "", "DID URL of the issuer's verification method (required)")
	fs.StringVar(&alg, "alg", "", "JWS algorithm (default: the one that fits the key; PS256 for RSA)")
	fs.StringVar(&typ, "typ", "", "typ header (default vc+jwt, or vp+jwt for a presentation)")
	fs.StringVar(&proof, "proof", "jwt", "how to secure the document: jwt (VC-JOSE-COSE), sd-jwt (selective disclosure) or jws2020 (an embedded JsonWebSignature2020 proof)")
	var disclose, holderKey string
	fs.StringVar(&disclose, "disclose", "", "with --proof sd-jwt: comma-separated claim paths the holder may disclose one by one")
	fs.StringVar(&holderKey, "holder-key", "", "with --proof sd-jwt: the holder's public key (JWK) for cnf and key binding")
	fs.StringVar(&flavour, "flavour", "w3c", "JsonWebSignature2020 payload: w3c (proof options signed) or gaiax (Gaia-X compliance-service form)")
	fs.Var(&contexts, "context", "a JSON-LD context the document uses that is not built in, as URL=FILE (repeatable)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: gxwallet issue --key FILE --kid DIDURL [flags] FILE   (FILE \"-\" reads stdin)\n\nflags:\n")
		fs.PrintDefaults()
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "gxwallet issue: "+format+"\n", a...)
		return 2
	}
	if len(positional) != 1 || keyFile == "" || kid == "" {
		fs.Usage()
		return 2
	}
	keyBytes, err := readFile(keyFile)
	if err != nil {
		return fail("%v", err)
	}
	key, err := parsePrivateKey(keyBytes)
	if err != nil {
		return fail("--key: %v", err)
	}
	if alg == "" {
		alg = jose.AlgsForKey(key.Public())[0]
	}
	doc, err := readInput(positional[0], stdin)
	if err != nil {
		return fail("%v", err)
	}
	if len(doc) > verify.MaxInputBytes {
		return fail("document larger than %d bytes", verify.MaxInputBytes)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		return fail("document is not a JSON object: %v", err)
	}
	if typ == "" {
		typ = "vc+jwt"
		if t, _ := m["type"].([]any); len(t) > 0 && t[0] == "VerifiablePresentation" {
			typ = "vp+jwt"
		}
	}
	if proof == "jws2020" {
		extra := map[string][]byte{}
		for _, kv := range contexts {
			url, file, ok := strings.Cut(kv, "=")
			if !ok {
				return fail("--context %q: want URL=FILE", kv)
			}
			b, err := readFile(file)
			if err != nil {
				return fail("--context: %v", err)
			}
			extra[url] = b
		}
		purpose := "assertionMethod"
		if typ == "vp+jwt" {
			purpose = "authentication"
		}
		signed, err := di.SignJWS2020(m, key, alg, di.SignOptions{
			VerificationMethod: kid, ProofPurpose: purpose, Created: time.Now().UTC().Truncate(time.Second),
			Flavour: di.Flavour(flavour), Loader: &ld.Loader{Extra: extra},
		})
		if err != nil {
			return fail("%v", err)
		}
		out, _ := json.MarshalIndent(signed, "", "  ")
		fmt.Fprintln(stdout, string(out))
		return 0
	}
	if proof == "sd-jwt" {
		var policy sdjwt.Policy
		for _, p := range strings.Split(disclose, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			path, err := parsePath(p)
			if err != nil {
				return fail("--disclose: %v", err)
			}
			policy.Disclosable = append(policy.Disclosable, path)
		}
		var holder crypto.PublicKey
		if holderKey != "" {
			b, err := readFile(holderKey)
			if err != nil {
				return fail("--holder-key: %v", err)
			}
			if holder, err = jose.ParsePublicJWK(b); err != nil {
				return fail("--holder-key: %v", err)
			}
		}
		sdTyp := "dc+sd-jwt"
		if _, w3c := m["@context"]; w3c {
			sdTyp = "vc+sd-jwt"
		}
		if strings.HasSuffix(typ, "sd-jwt") {
			sdTyp = typ
		}
		tok, err := sdjwt.Issue(m, policy, key, alg, map[string]any{"typ": sdTyp, "kid": kid}, holder)
		if err != nil {
			return fail("%v", err)
		}
		fmt.Fprintln(stdout, tok)
		return 0
	}
	if proof != "jwt" {
		return fail("--proof %q: want jwt, sd-jwt or jws2020", proof)
	}
	payload, _ := json.Marshal(m)
	tok, err := jose.Sign(payload, alg, key, map[string]any{"typ": typ, "kid": kid})
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintln(stdout, tok)
	return 0
}

// parsePrivateKey reads a private JWK or a PEM private key.
func parsePrivateKey(b []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return jose.ParsePrivateJWK(b)
	}
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
		return nil, fmt.Errorf("PKCS#8 key of type %T cannot sign", k)
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	return nil, fmt.Errorf("PEM block %q is not a private key we can read", block.Type)
}
