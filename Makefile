# Mentorbot's everyday commands. `make test` is the command CI runs.
GO ?= go

.PHONY: run test vet fmt build bench

## run: start the bot with the settings in the environment
run:
	$(GO) run ./cmd/mentorbot

## build: build the mentorbot binary into bin/
build:
	$(GO) build -o bin/mentorbot ./cmd/mentorbot

## test: check formatting, vet, and run every test with the race detector
test: fmt vet
	$(GO) test -race -count=1 ./...

## vet: run go vet
vet:
	$(GO) vet ./...

## fmt: fail when a file is not gofmt-formatted
fmt:
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi

## bench: run the benchmarks against the real database
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
