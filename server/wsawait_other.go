//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package server

// hasInput says the socket has input: where it cannot be peeked at, the
// reader waits in gorilla's read instead.
func hasInput(uintptr) bool { return true }
