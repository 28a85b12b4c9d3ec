// Command gxwallet is the native gxwallet binary: it verifies credentials
// on a laptop with no network, and serves the wallet PWA, the verifier
// library and the demo portal.
//
//	gxwallet verify [flags] FILE    verify a credential or presentation
//	gxwallet serve  [flags]         serve the PWA and the library
//
// Run `gxwallet COMMAND -h` for the flags of a command.
package main

import (
	"fmt"
	"io"
	"os"
)

// commands maps a sub-command to its entry point. Each returns the exit
// status.
var commands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) int{
	"verify":   runVerify,
	"serve":    runServe,
	"dist-pwa": runDistPWA,
	"issue":    runIssue,
	"bundle":   runBundle,
	"present":  runPresent,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gxwallet: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: gxwallet COMMAND [flags]

commands:
  verify   verify a credential or presentation (exit 0 active, 1 not active, 2 could not evaluate)
  bundle   bundle create: capture what verifying needs, for verify --bundle FILE --offline
  issue    sign a credential or presentation JSON (vc+jwt, SD-JWT, JsonWebSignature2020)
  present  disclose chosen claims of an SD-JWT, bound to a verifier's nonce and audience
  serve    serve the wallet PWA and the verifier library on localhost
  dist-pwa write the static PWA site (used by make pwa)

Run "gxwallet COMMAND -h" for a command's flags.
`)
}
