package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gxwallet": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI contract in testdata/script/*.txtar. Each
// script starts with the files of testdata/fixtures in $WORK.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Abs("testdata/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// replace OLD NEW FILE: replace the first OLD in FILE with NEW.
			"replace": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: replace OLD NEW FILE")
				}
				name := ts.MkAbs(args[2])
				b, err := os.ReadFile(name)
				ts.Check(err)
				if !strings.Contains(string(b), args[0]) {
					ts.Fatalf("%s does not contain %q", args[2], args[0])
				}
				ts.Check(os.WriteFile(name, []byte(strings.Replace(string(b), args[0], args[1], 1)), 0o600))
			},
		},
		Setup: func(env *testscript.Env) error {
			entries, err := os.ReadDir(fixtures)
			if err != nil {
				return err
			}
			for _, e := range entries {
				b, err := os.ReadFile(filepath.Join(fixtures, e.Name()))
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(env.WorkDir, e.Name()), b, 0o600); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
