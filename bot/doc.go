// Package bot is Mentorbot's Slack transport. It receives Slack's requests
// in Socket Mode or over HTTP, verifies their signatures, and routes slash
// commands, block actions, view submissions and events to handlers through
// one Router, so every feature works the same in both modes.
//
// Slack allows 3 seconds to acknowledge a request. A handler returns the
// acknowledgement at once, and any slow work, such as calls to Slack's Web
// API, as a function that a bounded pool of workers runs afterwards.
package bot
