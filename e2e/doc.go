// Package e2e tests gxwallet against real runtimes: headless Chromium
// (Debian's chromium) and workerd (npm). `make test-e2e` builds dist/ and
// runs these tests with GXWALLET_DIST set; without it they skip.
package e2e
