# Sourced by local-stack/run.sh and bench/run.sh, which both build first and then start a JVM: splits the script's own
# --no-build (skip the build; the jars in */target are used) from the options passed on to that JVM. --help needs no
# build either and is passed on. Sets build (yes|no) and the array args.
build=yes
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=no ;;
    --help|-h) build=no; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
