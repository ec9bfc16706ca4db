// Package domain holds the rules of the mentoring programme and the
// interfaces that the storage package implements. It imports neither Slack
// nor SQL, so the rules can be tested with plain values and a fixed clock.
package domain
