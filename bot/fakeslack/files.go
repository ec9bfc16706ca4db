package fakeslack

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// Upload is a file that the bot uploaded through Slack's external upload
// flow.
type Upload struct {
	FileID   string
	Filename string
	// Length is the size in bytes passed to files.getUploadURLExternal.
	Length  int
	Content []byte
	// Title, Channel and InitialComment are set once
	// files.completeUploadExternal shared the file.
	Title          string
	Channel        string
	InitialComment string
	Completed      bool
}

// Uploads returns the files uploaded so far, in the order of their
// files.getUploadURLExternal calls.
func (s *Server) Uploads() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	uploads := make([]Upload, 0, len(s.uploadOrder))
	for _, id := range s.uploadOrder {
		uploads = append(uploads, *s.uploads[id])
	}
	return uploads
}

// answerUploadURL answers files.getUploadURLExternal with an upload URL on
// the stand-in itself.
func (s *Server) answerUploadURL(call Call) map[string]any {
	filename := call.Form.Get("filename")
	length, err := strconv.Atoi(call.Form.Get("length"))
	if filename == "" || err != nil || length <= 0 {
		return invalid("invalid_arguments", "missing filename or length")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := "F" + strconv.Itoa(100000+len(s.uploadOrder))
	s.uploads[id] = &Upload{FileID: id, Filename: filename, Length: length}
	s.uploadOrder = append(s.uploadOrder, id)
	return map[string]any{"ok": true, "upload_url": s.server.URL + "/upload/" + id, "file_id": id}
}

// serveUpload receives the bytes of a file, sent as a multipart form with a
// "file" part, as slack-go sends them.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	file, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, "missing file part: "+err.Error(), http.StatusBadRequest)
		return
	}
	defer file.Close()
	content, err := io.ReadAll(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}

	s.mu.Lock()
	upload, ok := s.uploads[id]
	if ok {
		upload.Content = content
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "unknown upload", http.StatusNotFound)
		return
	}
	s.record(Call{Method: "file_upload", Body: content})
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, "OK - "+strconv.Itoa(len(content)))
}

// answerCompleteUpload answers files.completeUploadExternal, which shares
// uploaded files to a channel. Like Slack, it rejects a file whose bytes
// never arrived or differ in length from what was announced.
func (s *Server) answerCompleteUpload(call Call) map[string]any {
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(call.Form.Get("files")), &files); err != nil || len(files) == 0 {
		return invalid("invalid_arguments", "missing files")
	}
	channel := call.Form.Get("channel_id")
	if channel == "" {
		channel = call.Form.Get("channels")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	var shared []map[string]any
	for _, file := range files {
		upload, ok := s.uploads[file.ID]
		if !ok || upload.Content == nil || len(upload.Content) != upload.Length {
			return invalid("file_not_found", "file "+file.ID+" was not uploaded in full")
		}
		upload.Title, upload.Channel, upload.InitialComment = file.Title, channel, call.Form.Get("initial_comment")
		upload.Completed = true
		shared = append(shared, map[string]any{"id": file.ID, "title": file.Title})
	}
	return map[string]any{"ok": true, "files": shared}
}
