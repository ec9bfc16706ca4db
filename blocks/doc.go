// Package blocks builds every Block Kit view and message Mentorbot shows, and
// declares their action and callback ids as constants, so the bot package
// can route an interaction by comparing ids instead of repeating strings.
//
// A builder takes a view model and returns a view or blocks, without I/O,
// so the same input always gives the same JSON. Action and callback ids are
// namespaced by what they act on, such as "invitation:accept". The id of the
// entity acted on travels in a button's value or in a view's
// private_metadata, never the identity of the user acting, because Slack
// sends the acting user with each interaction.
//
// Slack rejects a whole view or message when one field breaks a limit
// (errors such as invalid_blocks and view_too_large). CheckView,
// CheckMessage and CheckJSON test a view or message against those limits
// and name the JSON path of each field that breaks one. They are meant to
// run on everything the bot builds, in the tests of this and other packages
// and in the local Slack stand-in server. CheckFallbackText checks that a
// message has the top-level text that notifications show in place of the
// blocks.
package blocks
