#!/usr/bin/env bash
# Regenerates the screenshots in asset/ from the real program: a server and clients in tmux
# panes, in an xterm on a virtual X display, photographed with xwd.
#
#   bash asset/make-screenshots.sh
#
# Needs: a JDK 17, tmux, Xvfb, xterm, xwd (x11-apps), ImageMagick's convert, DejaVu fonts.
# On Debian: apt-get install tmux xvfb xterm x11-apps imagemagick fonts-dejavu-core
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ASSET=asset
SERVER=chat-server/target/chat-server.jar
CLIENT=chat-client/target/chat-client.jar
DISPLAY_NUMBER=:97
PORT=18080   # experiment 1.2 uses 8080 itself; the others keep clear of a server already there

for tool in tmux Xvfb xterm xwd convert; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
if [ ! -f "$SERVER" ] || [ ! -f "$CLIENT" ]; then
  ./mvnw -q package -DskipTests
fi

TMUX_SOCKET="termchat-shots-$$-0"
SCENE=0
tm() { tmux -L "$TMUX_SOCKET" "$@"; }

SHOTS_HOME=$(mktemp -d /tmp/termchat-shots.XXXX)
cleanup() {
  tm kill-server 2>/dev/null || true
  rm -rf "$SHOTS_HOME"
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

Xvfb "$DISPLAY_NUMBER" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=$DISPLAY_NUMBER
for _ in $(seq 50); do xwd -root -silent >/dev/null 2>&1 && break; sleep 0.1; done

# Waits until a pane shows the text (a fixed string), for up to 20 s.
wait_for() {
  local pane=$1 text=$2
  for _ in $(seq 200); do
    tm capture-pane -p -t "$pane" | grep -qF -- "$text" && return 0
    sleep 0.1
  done
  echo "pane $pane never showed: $text" >&2
  tm capture-pane -p -t "$pane" >&2
  exit 1
}

# Types a command at a pane's shell prompt, so the screenshot shows it typed.
run_in() { tm send-keys -t "$1" -l "$2"; tm send-keys -t "$1" Enter; }
say() { tm send-keys -t "$1" -l "$2"; tm send-keys -t "$1" Enter; }

# A tmux session of COLS x ROWS with a plain prompt, shown in an xterm.
open_session() {
  local cols=$1 rows=$2
  # Each scene gets a tmux server of its own; ending the last one also ends its programs.
  tm kill-server 2>/dev/null || true
  SCENE=$((SCENE + 1))
  TMUX_SOCKET="termchat-shots-$$-$SCENE"
  # The server keeps its history on disk: each scene starts on a store of its own, as a new
  # user's first start does, so that no scene sees another's lines or held names.
  local home="$SHOTS_HOME/$SCENE"
  mkdir -p "$home"
  tm new-session -d -s shot -x "$cols" -y "$rows" "env PS1='\$ ' TERM=xterm-256color XDG_DATA_HOME=$home bash --norc --noprofile"
  tm set -g status off
  tm set -g pane-border-style fg=colour240
  tm set -g pane-active-border-style fg=colour240
  tm set -g default-command "env PS1='\$ ' TERM=xterm-256color XDG_DATA_HOME=$home bash --norc --noprofile"
}

# Photographs the session's terminal into asset/NAME.png.
shot() {
  local name=$1 cols=$2 rows=$3
  xterm -fa 'DejaVu Sans Mono' -fs 11 -bg '#1d1f21' -fg '#d7d7d7' -geometry "${cols}x${rows}+0+0" \
    -xrm 'XTerm*borderWidth: 0' -xrm 'XTerm*internalBorder: 10' \
    -e tmux -L "$TMUX_SOCKET" attach -t shot &
  local xterm_pid=$!
  local window=""
  for _ in $(seq 100); do
    window=$(xwininfo -root -tree 2>/dev/null | awk '/"xterm"/ {print $1; exit}')
    [ -n "$window" ] && break
    sleep 0.1
  done
  sleep 1   # let the xterm draw the attached session
  xwd -silent -id "$window" | convert xwd:- "$ASSET/$name.png"
  kill "$xterm_pid" 2>/dev/null || true
  wait "$xterm_pid" 2>/dev/null || true
  echo "wrote $ASSET/$name.png"
}

server_and_clients() {
  # Server on top, three clients side by side below.
  open_session "$1" "$2"
  tm split-window -v -t shot:0.0 -p 70
  tm split-window -h -t shot:0.1 -p 66
  tm split-window -h -t shot:0.2 -p 50
}

# --- A server and three clients chatting --------------------------------------------------
server_and_clients 180 34
run_in shot:0.0 "java -jar $SERVER --port $PORT"
wait_for shot:0.0 "Listening on"
run_in shot:0.1 "java -jar $CLIENT alice --server ws://127.0.0.1:$PORT"
wait_for shot:0.1 "connected as alice"
run_in shot:0.2 "java -jar $CLIENT bob --server ws://127.0.0.1:$PORT"
wait_for shot:0.2 "connected as bob"
run_in shot:0.3 "java -jar $CLIENT --server ws://127.0.0.1:$PORT"
wait_for shot:0.3 "connected as guest-"
say shot:0.1 "hi everyone!"
wait_for shot:0.3 "hi everyone"
say shot:0.2 "hello alice, nice colors"
wait_for shot:0.3 "nice colors"
say shot:0.3 "a guest says hi"
wait_for shot:0.1 "a guest says hi"
tm send-keys -t shot:0.1 -l "I'm still typ"
sleep 0.3
say shot:0.2 "messages land above what you type"
wait_for shot:0.1 "land above"
shot chat 180 34
# What README's transcript shows: alice's pane as text, and the server's.
tm capture-pane -p -t shot:0.1 > "${TRANSCRIPT_DIR:-/tmp}/chat-alice.txt"
tm capture-pane -p -t shot:0.0 > "${TRANSCRIPT_DIR:-/tmp}/chat-server.txt"

# --- History, a private message, an action and a rename -------------------------------------
server_and_clients 180 30
run_in shot:0.0 "java -jar $SERVER --port $PORT"
wait_for shot:0.0 "Listening on"
run_in shot:0.1 "java -jar $CLIENT alice --server ws://127.0.0.1:$PORT"
wait_for shot:0.1 "connected as alice"
run_in shot:0.2 "java -jar $CLIENT bob --server ws://127.0.0.1:$PORT"
wait_for shot:0.2 "connected as bob"
say shot:0.1 "shall we meet at 3?"
wait_for shot:0.2 "meet at 3"
say shot:0.2 "3 works for me"
wait_for shot:0.1 "3 works"
run_in shot:0.3 "java -jar $CLIENT carol --server ws://127.0.0.1:$PORT"
wait_for shot:0.3 "3 works for me"
say shot:0.2 "/msg carol did you see the plan?"
wait_for shot:0.3 "did you see the plan"
say shot:0.3 "/msg bob yes, I'll be there"
wait_for shot:0.2 "be there"
say shot:0.1 "/me waves at carol"
wait_for shot:0.3 "waves at carol"
say shot:0.2 "/nick robert"
wait_for shot:0.3 "is now known as robert"
shot conversation 180 30

# --- Rooms: a current room, lines of other rooms tagged, unread and mention counts --------------
server_and_clients 180 30
run_in shot:0.0 "java -jar $SERVER --port $PORT"
wait_for shot:0.0 "Listening on"
run_in shot:0.1 "java -jar $CLIENT alice --server ws://127.0.0.1:$PORT --join '#dev,#ops,#general'"
wait_for shot:0.1 "connected as alice"
run_in shot:0.2 "java -jar $CLIENT bob --server ws://127.0.0.1:$PORT --join '#dev'"
wait_for shot:0.2 "connected as bob"
run_in shot:0.3 "java -jar $CLIENT carol --server ws://127.0.0.1:$PORT --join '#ops,#general'"
wait_for shot:0.3 "connected as carol"
say shot:0.2 "/topic release on Friday"
wait_for shot:0.1 "release on Friday"
say shot:0.2 "the build is green"
wait_for shot:0.1 "the build is green"
say shot:0.3 "/switch #ops"
wait_for shot:0.3 "#ops >"
say shot:0.3 "alice: the disk on db2 is at 91%"
wait_for shot:0.1 "db2 is at 91%"
say shot:0.3 "/switch #general"
wait_for shot:0.3 "#general >"
say shot:0.3 "lunch at noon?"
wait_for shot:0.1 "lunch at noon"
say shot:0.1 "/list"
wait_for shot:0.1 "#ops"
shot rooms 180 30

# --- Experiment 1.1: one line typed, everyone gets it ---------------------------------------
server_and_clients 180 26
run_in shot:0.0 "java -jar $SERVER --port $PORT"
wait_for shot:0.0 "Listening on"
for pane in 1 2 3; do
  run_in shot:0.$pane "java -jar $CLIENT client$pane --server ws://127.0.0.1:$PORT --no-color"
  wait_for shot:0.$pane "connected as client$pane"
done
say shot:0.1 "broadcast from client1"
wait_for shot:0.3 "broadcast from client1"
say shot:0.3 "and a reply from client3"
wait_for shot:0.1 "a reply from client3"
shot experiment-1.1-broadcast 180 26

# --- Experiment 1.2: the port moved from 2000 to 8080 --------------------------------------
server_and_clients 180 26
run_in shot:0.0 "java -jar $SERVER --port 8080"
wait_for shot:0.0 "Listening on ws://127.0.0.1:8080"
run_in shot:0.1 "java -jar $CLIENT alice --server ws://127.0.0.1:2000"
wait_for shot:0.1 "cannot connect to"
run_in shot:0.1 "java -jar $CLIENT alice --server ws://127.0.0.1:8080"
wait_for shot:0.1 "connected as alice"
run_in shot:0.2 "java -jar $CLIENT bob"
wait_for shot:0.2 "connected as bob"
say shot:0.2 "the default port is 8080 now"
wait_for shot:0.1 "the default port is 8080"
run_in shot:0.3 "java -jar $CLIENT carol --server ws://localhost:8080"
wait_for shot:0.3 "connected as carol"
say shot:0.3 "localhost:8080 works too"
wait_for shot:0.1 "localhost:8080 works"
shot experiment-1.2-port-8080 180 26

# --- Experiment 1.3: every message names its sender's address ------------------------------
server_and_clients 180 26
run_in shot:0.0 "java -jar $SERVER --port $PORT"
wait_for shot:0.0 "Listening on"
for pane in 1 2 3; do
  run_in shot:0.$pane "java -jar $CLIENT --server ws://127.0.0.1:$PORT"
  wait_for shot:0.$pane "connected as guest-"
done
say shot:0.1 "where am I from?"
wait_for shot:0.3 "where am I from?"
say shot:0.2 "see the brackets"
wait_for shot:0.3 "see the brackets"
say shot:0.3 "ip:port, each"
wait_for shot:0.1 "ip:port, each"
shot experiment-1.3-sender-address 180 26
