package domain

import "errors"

// UserError is an error whose message is safe and useful to show to the
// person who caused it, such as a request that the rules do not allow.
// Errors of any other type are logged and shown only as a short apology.
type UserError struct {
	Message string
}

// Error returns the message shown to the person.
func (e *UserError) Error() string {
	return e.Message
}

// NewUserError returns a UserError with message.
func NewUserError(message string) *UserError {
	return &UserError{Message: message}
}

// UserMessage returns the message of the first UserError in err's chain,
// and false when there is none.
func UserMessage(err error) (string, bool) {
	var userErr *UserError
	if errors.As(err, &userErr) {
		return userErr.Message, true
	}
	return "", false
}
