package main

import "fmt"

// trunc shortens an attacker-controlled value for a message.
func trunc(s string) string {
	const max = 100
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// truncate quotes and shortens a value for a message.
func truncate(s string) string { return fmt.Sprintf("%q", trunc(s)) }
