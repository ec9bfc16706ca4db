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

// UserMessage returns the message meant for the person who caused err:
// that of the first UserError, StepOrderError, TransitionError,
// TooManyPendingError or AtCapacityError in err's chain. It returns false
// when there is none.
func UserMessage(err error) (string, bool) {
	var (
		userErr       *UserError
		stepErr       *StepOrderError
		transitionErr *TransitionError
		pendingErr    *TooManyPendingError
		capacityErr   *AtCapacityError
	)
	switch {
	case errors.As(err, &userErr):
		return userErr.Message, true
	case errors.As(err, &stepErr):
		return stepErr.Error(), true
	case errors.As(err, &transitionErr):
		return transitionErr.Error(), true
	case errors.As(err, &pendingErr):
		return pendingErr.Error(), true
	case errors.As(err, &capacityErr):
		return capacityErr.Error(), true
	default:
		return "", false
	}
}
