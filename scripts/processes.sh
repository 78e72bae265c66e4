# What `npm start` runs, in start order. Each service's migrations and seed run before it listens.
start_processes() {
  run events node packages/events/dist/cli/tail.js
  log "the event stream of every platform topic is printed with the prefix [events]"
}
