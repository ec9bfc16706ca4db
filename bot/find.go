package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slack-go/slack"

	"github.com/mentorbot/mentorbot/blocks"
	"github.com/mentorbot/mentorbot/domain"
)

// searchLimit is how many candidates a search ranks, so at most that many
// results can be paged through.
const searchLimit = 200

// checkCanSearch returns a domain.UserError unless the person may look for
// a mentor now: registered as a mentee and agreed to the current code of
// conduct.
func (a *App) checkCanSearch(registration domain.Registration) error {
	if !registration.Registered(domain.RoleMentee) {
		return domain.NewUserError("To find a mentor, first register as a mentee: " +
			"open Mentorbot's App Home and choose *Register as a mentee*.")
	}
	if !registration.ConsentCurrent(a.content().Conduct.Version) {
		return domain.NewUserError("The code of conduct has changed. Please read it and agree to the new " +
			"version from Mentorbot's App Home, then you can look for a mentor.")
	}
	return nil
}

// runFind handles "/mentor find [query]": it checks the query and opens
// the Find a mentor modal with it.
func (a *App) runFind(_ context.Context, command slack.SlashCommand, line commandLine) (Response, error) {
	// Slack encodes &, < and > in command text; the search needs them as
	// typed.
	args := make([]string, len(line.Args))
	for i, arg := range line.Args {
		args[i] = slackTextUnescaper.Replace(arg)
	}
	filter, problems := domain.ParseFindQuery(args, a.choices())
	if len(problems) > 0 {
		var messages []string
		for _, problem := range problems {
			messages = append(messages, problem.Message)
		}
		help := fmt.Sprintf("\n\nFor example: `%s find area:\"Career development\" role:Lecturer`, or just some words.", SlashCommand)
		return Response{Body: blocks.NoticeMessage(blocks.EscapeSlackText(strings.Join(messages, "\n")) + help)}, nil
	}

	person := commandPerson(command)
	trigger := command.TriggerID
	return Response{After: func(ctx context.Context) error {
		view, err := a.findView(ctx, person, filter, 0)
		if err != nil {
			return err
		}
		if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("open find modal: %w", err)
		}
		return nil
	}}, nil
}

// handleFindOpen opens the Find a mentor modal from the App Home.
func (a *App) handleFindOpen(_ context.Context, callback *slack.InteractionCallback, _ *slack.BlockAction) (Response, error) {
	person := personOf(callback)
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		view, err := a.findView(ctx, person, domain.SearchFilter{}, 0)
		if err != nil {
			return err
		}
		if _, err := a.api.OpenViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("open find modal: %w", err)
		}
		return nil
	}}, nil
}

// handleFindChange updates the results when a filter changes or the person
// pages through them.
func (a *App) handleFindChange(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	var metadata blocks.FindMetadata
	if err := blocks.DecodeMetadata(callback.View.PrivateMetadata, &metadata); err != nil {
		return Response{}, err
	}
	// The filters' own state is the truth: the metadata keeps them only
	// while they fit in its 3,000 characters.
	filter, page := metadata.Filter, 0
	if len(callback.View.State.Values) > 0 {
		filter = blocks.ParseFindFilters(callback.View.State.Values)
		filter.Text = metadata.Filter.Text
	}
	switch action.ActionID {
	case blocks.ActionFindPage:
		page, _ = strconv.Atoi(action.Value)
	case blocks.ActionFindClearText:
		filter.Text = ""
	}
	person := personOf(callback)
	view := callback.View

	return Response{After: func(ctx context.Context) error {
		next, err := a.findView(ctx, person, filter, page)
		if err != nil {
			return err
		}
		return a.updateView(ctx, view, next)
	}}, nil
}

// findView searches, ranks and returns the Find a mentor modal at page.
func (a *App) findView(ctx context.Context, person domain.PersonKey, filter domain.SearchFilter, page int) (slack.ModalViewRequest, error) {
	registration, err := a.store.Registration(ctx, person)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	if err := a.checkCanSearch(registration); err != nil {
		return slack.ModalViewRequest{}, err
	}

	candidates, err := a.store.SearchMentors(ctx, person, filter, searchLimit)
	if err != nil {
		return slack.ModalViewRequest{}, err
	}
	matches := domain.RankMentors(registration.Mentee, filter, candidates)
	matches, page, cards := a.pageCards(ctx, matches, page)
	return blocks.FindView(blocks.FindModel{
		Lists:   a.content().Lists,
		Filter:  filter,
		Results: matches,
		Page:    page,
		Cards:   cards,
	}), nil
}

// pageCards returns the Slack cards of the results on page. A mentor whom
// Slack reports as deactivated, before the bot heard of it, is recorded as
// such and dropped from the results.
func (a *App) pageCards(ctx context.Context, matches []domain.Match, page int) ([]domain.Match, int, map[string]blocks.PersonCard) {
	for {
		pages := max((len(matches)+blocks.PageSize-1)/blocks.PageSize, 1)
		page = min(max(page, 0), pages-1)
		cards := map[string]blocks.PersonCard{}
		var gone []string
		for _, match := range pageOf(matches, page) {
			mentor := match.Mentor.Person
			if user, err := a.users.Lookup(ctx, mentor.UserID); err == nil && user.Deleted {
				gone = append(gone, mentor.UserID)
				now := a.now()
				if err := a.store.SetDeactivated(ctx, mentor, &now); err != nil {
					a.logger.WithError(err).WithField("user_id", mentor.UserID).Warn("Failed to record a deactivated account")
				}
				continue
			}
			cards[mentor.UserID] = a.personCard(ctx, mentor.UserID)
		}
		if len(gone) == 0 {
			return matches, page, cards
		}
		matches = slices.DeleteFunc(matches, func(match domain.Match) bool {
			return slices.Contains(gone, match.Mentor.Person.UserID)
		})
	}
}

func pageOf(matches []domain.Match, page int) []domain.Match {
	start := min(page*blocks.PageSize, len(matches))
	end := min(start+blocks.PageSize, len(matches))
	return matches[start:end]
}

// personCard returns the Slack name and picture of userID, or just the id
// when users.info fails: a card without a picture is better than none. A
// person who erased their data gets an Erased card, which shows neither.
func (a *App) personCard(ctx context.Context, userID string) blocks.PersonCard {
	if a.erased(ctx, userID) {
		return blocks.PersonCard{Erased: true}
	}
	card := blocks.PersonCard{UserID: userID}
	user, err := a.users.Lookup(ctx, userID)
	if err != nil {
		a.logger.WithError(err).WithField("user_id", userID).Warn("Failed to look up a Slack profile for a card")
		return card
	}
	card.Name, card.ImageURL = user.Name, user.ImageURL
	return card
}

// handleMentorDetails shows one mentor's profile over the results.
func (a *App) handleMentorDetails(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	mentor := domain.PersonKey{TeamID: teamOf(callback), UserID: action.Value}
	person := personOf(callback)
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		registration, err := a.store.Registration(ctx, person)
		if err != nil {
			return err
		}
		if err := a.checkCanSearch(registration); err != nil {
			return err
		}
		candidate, err := a.store.MentorCandidate(ctx, mentor)
		if errors.Is(err, domain.ErrNotFound) || (err == nil && !candidate.Listed() && mentor != person) {
			// A hidden profile is shown only through search, so a forged
			// Details click learns nothing.
			return domain.ErrMentorUnavailable
		}
		if err != nil {
			return err
		}
		matches := domain.RankMentors(registration.Mentee, domain.SearchFilter{}, []domain.MentorCandidate{candidate})
		view := blocks.MentorCardView(blocks.MentorCardModel{
			Card:    a.personCard(ctx, mentor.UserID),
			Mentor:  candidate,
			Reasons: matches[0].Reasons,
		})
		if _, err := a.api.PushViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("push mentor card: %w", err)
		}
		return nil
	}}, nil
}

// handleAsk opens the note to the mentor in the button's value.
func (a *App) handleAsk(_ context.Context, callback *slack.InteractionCallback, action *slack.BlockAction) (Response, error) {
	mentorID := action.Value
	trigger := callback.TriggerID
	return Response{After: func(ctx context.Context) error {
		view := blocks.InviteView(blocks.InviteModel{Mentor: a.personCard(ctx, mentorID)})
		if _, err := a.api.PushViewContext(ctx, trigger, view); err != nil {
			return fmt.Errorf("push invitation note: %w", err)
		}
		return nil
	}}, nil
}
