//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package server

import "syscall"

// hasInput reports whether the socket fd has something to read (or has
// failed, or reached its end): false makes syscall.RawConn.Read wait for
// the poller, and ask again.
func hasInput(fd uintptr) bool {
	var b [1]byte
	_, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK)
	return err != syscall.EAGAIN && err != syscall.EINTR
}
