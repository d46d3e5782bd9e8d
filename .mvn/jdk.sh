# shellcheck shell=sh
# Chooses the JDK that builds and runs Millrace (21 or newer) and exports it as JAVA_HOME.
# Sourced by ./mvnw, ./millrace and .ci/run, so that a machine whose default `java` is older
# but which has a newer JDK installed works without any set-up.
# Order: $JAVA_HOME, then the `java` on PATH, then the newest JDK under the usual JVM directories.

millrace_jdk_major() {
  # The release file answers without starting a JVM; `java -version` is the fallback.
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in
    1.*) v=${v#1.} ;;
  esac
  v=${v%%[!0-9]*}
  printf '%s\n' "${v:-0}"
}

millrace_is_jdk() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]
}

millrace_select_jdk() {
  millrace_required=21
  if [ -n "${JAVA_HOME-}" ] && millrace_is_jdk "$JAVA_HOME" \
      && [ "$(millrace_jdk_major "$JAVA_HOME")" -ge "$millrace_required" ]; then
    return 0
  fi
  millrace_path_java=$(command -v java 2>/dev/null || true)
  if [ -n "$millrace_path_java" ]; then
    millrace_home=$(dirname "$(dirname "$(readlink -f "$millrace_path_java")")")
    if millrace_is_jdk "$millrace_home" && [ "$(millrace_jdk_major "$millrace_home")" -ge "$millrace_required" ]; then
      JAVA_HOME=$millrace_home
      export JAVA_HOME
      return 0
    fi
  fi
  millrace_best=""
  millrace_best_major=0
  millrace_seen=""
  millrace_globbing_was_off=false
  case $- in *f*) millrace_globbing_was_off=true; set +f ;; esac
  for millrace_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/*; do
    millrace_is_jdk "$millrace_dir" || continue
    millrace_major=$(millrace_jdk_major "$millrace_dir")
    millrace_seen="$millrace_seen $millrace_dir($millrace_major)"
    if [ "$millrace_major" -gt "$millrace_best_major" ]; then
      millrace_best=$millrace_dir
      millrace_best_major=$millrace_major
    fi
  done
  if [ "$millrace_globbing_was_off" = true ]; then set -f; fi
  if [ "$millrace_best_major" -ge "$millrace_required" ]; then
    JAVA_HOME=$millrace_best
    export JAVA_HOME
    return 0
  fi
  {
    echo "Millrace needs a JDK $millrace_required or newer, and none was found."
    echo "  JAVA_HOME: ${JAVA_HOME:-(not set)}"
    echo "  java on PATH: ${millrace_path_java:-(none)}"
    echo "  JDKs seen:${millrace_seen:- (none)}"
    echo "Install a JDK $millrace_required+ (for example: apt install openjdk-21-jdk, or Temurin from adoptium.net)"
    echo "into /usr/lib/jvm, or set JAVA_HOME to one."
  } >&2
  return 1
}
