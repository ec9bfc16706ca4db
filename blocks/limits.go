package blocks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Surface is a place in Slack that shows blocks: a modal, the App Home tab
// or a message. Each surface has its own limit on the number of top-level
// blocks.
type Surface int

const (
	// SurfaceModal is a modal opened with views.open, views.push or
	// views.update.
	SurfaceModal Surface = iota
	// SurfaceHome is the App Home tab published with views.publish.
	SurfaceHome
	// SurfaceMessage is a message sent with chat.postMessage, chat.update or
	// a response_url.
	SurfaceMessage
)

// String returns the surface's name as error messages show it.
func (s Surface) String() string {
	switch s {
	case SurfaceModal:
		return "modal"
	case SurfaceHome:
		return "App Home"
	case SurfaceMessage:
		return "message"
	}
	return fmt.Sprintf("Surface(%d)", int(s))
}

// viewType returns the value of a view's "type" field on this surface.
func (s Surface) viewType() string {
	if s == SurfaceHome {
		return "home"
	}
	return "modal"
}

func (s Surface) maxBlocks() int {
	if s == SurfaceMessage {
		return maxMessageBlocks
	}
	return maxViewBlocks
}

// Slack's limits on views and blocks. Lengths count characters (runes), not
// bytes, except maxViewBytes. The numbers come from Slack's view and Block
// Kit reference, or from python-slack-sdk's block models where Slack's
// reference gives none.
const (
	maxModalButtonText = 24 // modal title, submit and close
	maxViewBlocks      = 100
	maxMessageBlocks   = 50
	maxPrivateMetadata = 3000
	maxID              = 255 // callback_id, block_id and action_id

	// NOTE: Slack gives the view size limit as 250 kB without saying
	// whether a kB is 1,000 or 1,024 bytes, so this takes the stricter one.
	maxViewBytes = 250_000

	maxSectionText     = 3000
	maxSectionFields   = 10
	maxFieldText       = 2000
	maxHeaderText      = 150
	maxButtonText      = 75
	maxButtonValue     = 2000
	maxButtonURL       = 3000
	maxSelectOptions   = 100 // per select, and per option group
	maxOptionGroups    = 100
	maxOptionText      = 75
	maxOptionValue     = 150
	maxInputLabel      = 2000
	maxInputMaxLength  = 3000 // for plain_text_input's max_length, whose min is 1
	maxContextElements = 10
	maxActionsElements = 25
)

// CheckView checks a view against Slack's limits. view is a
// slack.ModalViewRequest, a slack.HomeTabViewRequest, a slack.View or any
// other value that marshals to a view object. A []byte is taken as the
// view's JSON. The view's "type" field selects the modal or App Home limits.
//
// The returned error joins one error per violation. Each starts with the
// JSON path of the field, as in
// "blocks[3].text.text: 3001 characters, max 3000". The error is nil when
// the view is within every limit.
func CheckView(view any) error {
	root, size, err := marshalPayload(view)
	if err != nil {
		return err
	}

	object, _ := root.(map[string]any)
	viewType, _ := object["type"].(string)
	switch viewType {
	case SurfaceModal.viewType():
		return checkPayload(SurfaceModal, root, size)
	case SurfaceHome.viewType():
		return checkPayload(SurfaceHome, root, size)
	}
	return fmt.Errorf("type: %q is not a view type, want \"modal\" or \"home\"", viewType)
}

// CheckMessage checks a message's blocks against Slack's limits. message is
// a []slack.Block, a slack.Blocks, a slack.Msg, or any other value that
// marshals to an array of blocks or to an object with a "blocks" field, such
// as a chat.postMessage or response_url body. A []byte is taken as the
// message's JSON. The error is built as CheckView's is.
func CheckMessage(message any) error {
	root, size, err := marshalPayload(message)
	if err != nil {
		return err
	}
	return checkPayload(SurfaceMessage, root, size)
}

// CheckJSON checks raw JSON against Slack's limits for surface. On
// SurfaceModal and SurfaceHome raw is a view object, whose "type" must be
// "modal" or "home" to match. On SurfaceMessage raw is an array of blocks or
// a message payload with a "blocks" field. The error is built as
// CheckView's is, except that JSON that fails to parse returns that failure
// alone.
func CheckJSON(surface Surface, raw []byte) error {
	root, size, err := decodePayload(raw)
	if err != nil {
		return err
	}
	return checkPayload(surface, root, size)
}

// CheckFallbackText checks that the message payload in raw has a top-level
// "text" that is not blank. Slack's mobile notifications show only that
// text, never the blocks. It is meant for messages posted with
// chat.postMessage.
func CheckFallbackText(raw []byte) error {
	root, _, err := decodePayload(raw)
	if err != nil {
		return err
	}

	message, ok := root.(map[string]any)
	if !ok {
		return errors.New("message: not a JSON object, so it has no text field")
	}
	text, _ := message["text"].(string)
	if strings.TrimSpace(text) == "" {
		return errors.New("text: missing or blank, " +
			"so notifications have nothing to show in place of the blocks")
	}
	return nil
}

// marshalPayload encodes v as JSON, unless it is already a []byte, and
// decodes it for checking.
func marshalPayload(v any) (root any, size int, err error) {
	raw, ok := v.([]byte)
	if !ok {
		raw, err = json.Marshal(v)
		if err != nil {
			return nil, 0, fmt.Errorf("marshal %T: %w", v, err)
		}
	}
	return decodePayload(raw)
}

// decodePayload decodes raw into generic maps and slices, with numbers as
// json.Number. size is the length of raw without insignificant white space,
// as encoding/json writes it and so as slack-go sends it.
func decodePayload(raw []byte) (root any, size int, err error) {
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.UseNumber()
	if err := decoder.Decode(&root); err != nil {
		return nil, 0, fmt.Errorf("decode blocks JSON: %w", err)
	}
	if _, err := decoder.Token(); err != io.EOF {
		return nil, 0, errors.New("decode blocks JSON: data after the top-level value")
	}

	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, 0, fmt.Errorf("compact blocks JSON: %w", err)
	}
	return root, compact.Len(), nil
}

func checkPayload(surface Surface, root any, size int) error {
	c := &limitChecker{blockIDs: map[string]string{}}
	switch surface {
	case SurfaceModal, SurfaceHome:
		c.checkView(surface, root, size)
	case SurfaceMessage:
		c.checkMessage(root)
	default:
		return fmt.Errorf("check blocks: unknown surface %d", int(surface))
	}
	return errors.Join(c.violations...)
}

// limitChecker collects the violations found in one view or message.
type limitChecker struct {
	violations []error

	// blockIDs maps each block_id to the path of the block that used it
	// first.
	blockIDs map[string]string

	// actionIDs maps each action_id in the block being checked to the path
	// of the element that used it first. It is nil outside blocks.
	actionIDs map[string]string
}

func (c *limitChecker) report(path, format string, args ...any) {
	c.violations = append(c.violations, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

// checkLength reports s when it has more than limit characters.
func (c *limitChecker) checkLength(path, s string, limit int) {
	if n := utf8.RuneCountInString(s); n > limit {
		c.report(path, "%d characters, max %d", n, limit)
	}
}

// checkCount reports a list of n items when it has more than limit.
func (c *limitChecker) checkCount(path string, n, limit int, noun string) {
	if n > limit {
		c.report(path, "%d %s, max %d", n, noun, limit)
	}
}

// stringField returns object[key] when it is a string. It reports any other
// value except null, and returns false for a missing key or null.
func (c *limitChecker) stringField(path string, object map[string]any, key string) (string, bool) {
	value, ok := present(object, key)
	if !ok {
		return "", false
	}
	s, ok := value.(string)
	if !ok {
		c.report(jsonKeyPath(path, key), "not a string")
	}
	return s, ok
}

// checkStringLength reports object[key] when it is a string of more than
// limit characters.
func (c *limitChecker) checkStringLength(path string, object map[string]any, key string,
	limit int,
) {
	if s, ok := c.stringField(path, object, key); ok {
		c.checkLength(jsonKeyPath(path, key), s, limit)
	}
}

// checkTextLength reports the text object at object[key] when its text has
// more than limit characters. A missing text object is not reported.
func (c *limitChecker) checkTextLength(path string, object map[string]any, key string, limit int) {
	if text, ok := textOf(object[key]); ok {
		c.checkLength(jsonKeyPath(path, key, "text"), text, limit)
	}
}

// textOf returns the "text" string of a text object.
func textOf(value any) (string, bool) {
	object, _ := value.(map[string]any)
	text, ok := object["text"].(string)
	return text, ok
}

// present returns object[key] and whether it is set to something other than
// null. Indexing a nil map is safe, so object may be nil.
func present(object map[string]any, key string) (any, bool) {
	value, ok := object[key]
	return value, ok && value != nil
}

// jsonKeyPath appends keys to a JSON path such as "blocks[0]".
func jsonKeyPath(path string, keys ...string) string {
	for _, key := range keys {
		if path != "" {
			path += "."
		}
		path += key
	}
	return path
}

func jsonIndexPath(path string, index int) string {
	return fmt.Sprintf("%s[%d]", path, index)
}

// checkView checks the top-level fields of a view and then its blocks.
func (c *limitChecker) checkView(surface Surface, root any, size int) {
	view, ok := root.(map[string]any)
	if !ok {
		c.report("view", "not a JSON object")
		return
	}

	// The other checks depend on the surface, so a view of the wrong type
	// gets no further.
	if viewType, _ := view["type"].(string); viewType != surface.viewType() {
		c.report("type", "%q, want %q for a %s", viewType, surface.viewType(), surface)
		return
	}
	if size > maxViewBytes {
		c.report("view", "%d bytes of JSON, max %d", size, maxViewBytes)
	}
	if surface == SurfaceModal {
		c.checkModalButtons(view)
	}
	c.checkStringLength("", view, "private_metadata", maxPrivateMetadata)
	c.checkStringLength("", view, "callback_id", maxID)

	blocks, ok := present(view, "blocks")
	if !ok {
		c.report("blocks", "missing, a view needs blocks")
		return
	}
	c.checkBlocks("blocks", blocks, surface)
}

// checkModalButtons checks a modal's title and the text of its submit and
// close buttons.
func (c *limitChecker) checkModalButtons(view map[string]any) {
	if _, ok := present(view, "title"); !ok {
		c.report("title", "missing, a modal needs a title")
	}
	if _, ok := present(view, "submit"); !ok && hasInputBlock(view["blocks"]) {
		c.report("submit", "missing, a modal with input blocks needs a submit button")
	}

	for _, key := range []string{"title", "submit", "close"} {
		c.checkTextLength("", view, key, maxModalButtonText)
		c.walk(key, view[key])
	}
}

func hasInputBlock(blocks any) bool {
	list, _ := blocks.([]any)
	for _, block := range list {
		object, _ := block.(map[string]any)
		if object["type"] == "input" {
			return true
		}
	}
	return false
}

// checkMessage checks a message payload, or a bare array of blocks as the
// message's blocks.
func (c *limitChecker) checkMessage(root any) {
	switch message := root.(type) {
	case []any:
		c.checkBlocks("blocks", message, SurfaceMessage)
	case map[string]any:
		if messageType, ok := message["type"].(string); ok && messageType != "message" {
			c.report("type", "%q, want a message or an array of blocks", messageType)
			return
		}
		if blocks, ok := present(message, "blocks"); ok {
			c.checkBlocks("blocks", blocks, SurfaceMessage)
		}
	default:
		c.report("message", "not a JSON object or array")
	}
}

// checkBlocks checks the top-level blocks of a view or message.
func (c *limitChecker) checkBlocks(path string, value any, surface Surface) {
	blocks, ok := value.([]any)
	if !ok {
		c.report(path, "not an array")
		return
	}

	if len(blocks) > surface.maxBlocks() {
		c.report(path, "%d blocks, max %d per %s", len(blocks), surface.maxBlocks(), surface)
	}
	for i, value := range blocks {
		c.checkBlock(jsonIndexPath(path, i), value)
	}
}

// checkBlock checks the block_id of one top-level block, then walks the
// block with a fresh set of action ids.
func (c *limitChecker) checkBlock(path string, value any) {
	block, ok := value.(map[string]any)
	if !ok {
		c.report(path, "not a JSON object")
		return
	}

	if id, ok := c.stringField(path, block, "block_id"); ok && id != "" {
		idPath := jsonKeyPath(path, "block_id")
		c.checkLength(idPath, id, maxID)
		if first, used := c.blockIDs[id]; used {
			c.report(idPath, "%q is already the block_id of %s", id, first)
		} else {
			c.blockIDs[id] = path
		}
	}

	c.actionIDs = map[string]string{}
	c.walk(path, block)
	c.actionIDs = nil
}

// walk checks every object inside value by its "type", and every
// action_id, so the same rules apply wherever an element sits. Keys are
// visited in sorted order to keep the violations in a stable order.
func (c *limitChecker) walk(path string, value any) {
	switch node := value.(type) {
	case map[string]any:
		c.checkActionID(path, node)
		c.checkByType(path, node)
		for _, key := range slices.Sorted(maps.Keys(node)) {
			c.walk(jsonKeyPath(path, key), node[key])
		}
	case []any:
		for i, item := range node {
			c.walk(jsonIndexPath(path, i), item)
		}
	}
}

func (c *limitChecker) checkByType(path string, object map[string]any) {
	objectType, _ := object["type"].(string)
	switch objectType {
	case "plain_text", "mrkdwn":
		c.checkTextObject(path, object)
	case "section":
		c.checkSection(path, object)
	case "header":
		c.checkRequiredText(path, object, "text", maxHeaderText)
	case "input":
		c.checkRequiredText(path, object, "label", maxInputLabel)
	case "context":
		c.checkElementCount(path, object, maxContextElements)
	case "actions":
		c.checkElementCount(path, object, maxActionsElements)
	case "button":
		c.checkButton(path, object)
	case "static_select", "multi_static_select":
		c.checkStaticSelect(path, object)
	case "checkboxes", "radio_buttons", "overflow":
		c.checkOptions(jsonKeyPath(path, "options"), object["options"])
	case "plain_text_input":
		c.checkMaxLength(path, object)
	}
}

// checkActionID checks the length of an element's action_id and that no
// other element in the same block uses it.
func (c *limitChecker) checkActionID(path string, object map[string]any) {
	id, ok := c.stringField(path, object, "action_id")
	if !ok || id == "" {
		return
	}

	idPath := jsonKeyPath(path, "action_id")
	c.checkLength(idPath, id, maxID)
	if c.actionIDs == nil {
		return
	}
	if first, used := c.actionIDs[id]; used {
		c.report(idPath, "%q is already the action_id of %s in the same block", id, first)
		return
	}
	c.actionIDs[id] = path
}

// checkTextObject checks that a plain_text or mrkdwn object has text.
func (c *limitChecker) checkTextObject(path string, object map[string]any) {
	textPath := jsonKeyPath(path, "text")
	switch text := object["text"].(type) {
	case string:
		if text == "" {
			c.report(textPath, "empty, a text object needs at least 1 character")
		}
	case nil:
		c.report(textPath, "missing, a text object needs text")
	default:
		c.report(textPath, "not a string")
	}
}

// checkRequiredText checks that object[key] is a text object and that its
// text has at most limit characters.
func (c *limitChecker) checkRequiredText(path string, object map[string]any, key string,
	limit int,
) {
	if _, ok := present(object, key); !ok {
		c.report(jsonKeyPath(path, key), "missing, required for type %q", object["type"])
		return
	}
	c.checkTextLength(path, object, key, limit)
}

// checkSection checks a section's text and fields. Slack needs at least
// one of the two, and text that is not only white space.
func (c *limitChecker) checkSection(path string, section map[string]any) {
	_, hasText := present(section, "text")
	fields, hasFields := present(section, "fields")
	if !hasText && !hasFields {
		c.report(path, "a section needs text or fields")
	}

	if text, ok := textOf(section["text"]); ok {
		textPath := jsonKeyPath(path, "text", "text")
		c.checkLength(textPath, text, maxSectionText)
		if text != "" && strings.TrimSpace(text) == "" {
			c.report(textPath, "only white space, a section needs visible text")
		}
	}
	if hasFields {
		c.checkSectionFields(jsonKeyPath(path, "fields"), fields)
	}
}

func (c *limitChecker) checkSectionFields(path string, value any) {
	fields, ok := value.([]any)
	if !ok {
		c.report(path, "not an array")
		return
	}

	c.checkCount(path, len(fields), maxSectionFields, "fields")
	for i, field := range fields {
		if text, ok := textOf(field); ok {
			c.checkLength(jsonKeyPath(jsonIndexPath(path, i), "text"), text, maxFieldText)
		}
	}
}

// checkElementCount checks the number of elements in a context or actions
// block.
func (c *limitChecker) checkElementCount(path string, block map[string]any, limit int) {
	elements, _ := block["elements"].([]any)
	c.checkCount(jsonKeyPath(path, "elements"), len(elements), limit, "elements")
}

func (c *limitChecker) checkButton(path string, button map[string]any) {
	c.checkRequiredText(path, button, "text", maxButtonText)
	c.checkStringLength(path, button, "value", maxButtonValue)
	c.checkStringLength(path, button, "url", maxButtonURL)
}

// checkStaticSelect checks the number of options and option groups in a
// select with a static list, and each option.
func (c *limitChecker) checkStaticSelect(path string, element map[string]any) {
	optionsPath := jsonKeyPath(path, "options")
	options, _ := element["options"].([]any)
	c.checkCount(optionsPath, len(options), maxSelectOptions, "options")
	c.checkOptions(optionsPath, element["options"])

	groupsPath := jsonKeyPath(path, "option_groups")
	groups, _ := element["option_groups"].([]any)
	c.checkCount(groupsPath, len(groups), maxOptionGroups, "option groups")
	for i, value := range groups {
		group, _ := value.(map[string]any)
		groupOptionsPath := jsonKeyPath(jsonIndexPath(groupsPath, i), "options")
		groupOptions, _ := group["options"].([]any)
		c.checkCount(groupOptionsPath, len(groupOptions), maxSelectOptions, "options")
		c.checkOptions(groupOptionsPath, group["options"])
	}
}

// checkOptions checks the text and value of each option object in value.
func (c *limitChecker) checkOptions(path string, value any) {
	options, _ := value.([]any)
	for i, item := range options {
		option, ok := item.(map[string]any)
		if !ok {
			continue
		}
		optionPath := jsonIndexPath(path, i)
		c.checkTextLength(optionPath, option, "text", maxOptionText)
		c.checkStringLength(optionPath, option, "value", maxOptionValue)
	}
}

// checkMaxLength checks a plain_text_input's max_length when it is set.
func (c *limitChecker) checkMaxLength(path string, input map[string]any) {
	value, ok := present(input, "max_length")
	if !ok {
		return
	}

	lengthPath := jsonKeyPath(path, "max_length")
	number, _ := value.(json.Number)
	maxLength, err := number.Int64()
	if err != nil {
		c.report(lengthPath, "%v is not an integer", value)
		return
	}
	switch {
	case maxLength < 1:
		c.report(lengthPath, "%d, min 1", maxLength)
	case maxLength > maxInputMaxLength:
		c.report(lengthPath, "%d, max %d", maxLength, maxInputMaxLength)
	}
}
