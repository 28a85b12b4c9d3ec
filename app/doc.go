// Package app is gxwallet's user interface: go-app v10 components for the
// wallet PWA, compiled to WebAssembly for the browser (app/client) and
// natively for the server that pre-renders pages (cmd/gxwallet serve).
//
// Entry points: [Routes] registers the pages and the actions they post;
// [Handler] describes the PWA (name, icons, styles, service worker).
//
// Pages:
//
//   - "/" (wallet): the credentials kept on this device. Empty for now.
//   - "/verify": paste a credential, verify it with core/verify, read the
//     verdict and every check.
//
// Components follow go-app's conventions: inputs are exported I… fields with
// chainable setters; a component posts an action, a handler registered with
// app.Handle does the work off the UI goroutine and publishes a state, and
// components observe that state.
//
// # Security considerations
//
// The app never reaches the network on its own: every resource it uses
// (icons, styles, scripts) is served from its own origin, and verification
// runs with no fetcher and only the did:key and did:jwk resolvers, so a
// pasted credential cannot make the browser call anyone. Claims and details
// are rendered as text, never as HTML.
package app
