# Sourced by ./mvnw, ./patchwork and .ci/run (POSIX sh): sets and exports JAVA_HOME to a JDK 25 or
# newer, which the build (release 25) and Payara Micro 7 need, or stops with one line saying what
# to install. Order: JAVA_HOME if it is 25 or newer, then the `java` on the PATH if it is, then
# Temurin 25 where these machines keep it.
patchwork_jdk_major() {
  # The JDK's release file is instant to read; fall back to asking the JVM.
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}
patchwork_jdk_ok() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  patchwork_jdk_v="$(patchwork_jdk_major "$1")"
  [ -n "$patchwork_jdk_v" ] && [ "$patchwork_jdk_v" -ge 25 ]
}
patchwork_jdk=""
if patchwork_jdk_ok "${JAVA_HOME:-}"; then
  patchwork_jdk="$JAVA_HOME"
else
  patchwork_jdk_path="$(command -v javac 2>/dev/null || true)"
  if [ -n "$patchwork_jdk_path" ]; then
    patchwork_jdk_path="$(dirname "$(dirname "$(readlink -f "$patchwork_jdk_path")")")"
  fi
  for patchwork_jdk_candidate in "$patchwork_jdk_path" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if patchwork_jdk_ok "$patchwork_jdk_candidate"; then
      patchwork_jdk="$patchwork_jdk_candidate"
      break
    fi
  done
fi
if [ -z "$patchwork_jdk" ]; then
  echo "Patchwork needs a JDK 25 or newer (Payara Micro 7, Java 25 bytecode) and found none: install Temurin 25 (/usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to a JDK 25." >&2
  exit 1
fi
JAVA_HOME="$patchwork_jdk"
export JAVA_HOME
unset patchwork_jdk patchwork_jdk_v patchwork_jdk_path patchwork_jdk_candidate
