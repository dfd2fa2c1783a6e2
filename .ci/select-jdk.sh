# Sourced by run-local and .ci/run: use a JDK >= 21 (the newest installed) when the default is older.
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
  :
elif command -v java >/dev/null 2>&1 && [ "$(java_major "$(command -v java)")" -ge 21 ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
else
  best=""; best_major=0
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ "${major:-0}" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "No JDK >= 21 found: install one (e.g. Temurin 21 or 25) and set JAVA_HOME." >&2
    exit 1
  fi
  JAVA_HOME=$best
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
