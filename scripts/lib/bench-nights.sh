# Shared by scripts/bench-full-nights.sh and scripts/bench-hard-nights.sh (source it, do not run it):
# finds the plm binary, simulates a list of nights and runs `plm bench` over them.
#
#   bench_nights_main HELP_LINES DEFAULT_DIR "$@"   with the array `nights` set by the caller: one
#                                                  line per night, "NAME ARGS..." where ARGS are
#                                                  plm simulate's options (without --gzip/--out)
# Environment: PLM, SWIFT_BUILD_ARGS, BENCH_OUT, RULES, SKIP_SIMULATE (see the callers' help).

bench_nights_main() {
  local help_lines="$1" default_dir="$2" script="$0"
  shift 2
  local here root
  here="$(cd "$(dirname "$script")" && pwd)"
  root="$(cd "$here/.." && pwd)"

  case "${1:-}" in
    -h|--help) sed -n "$help_lines" "$script"; exit 0 ;;
  esac
  local dir
  if [ $# -ge 1 ]; then
    dir="$1"                 # relative to the caller's folder
  else
    cd "$root"               # the default is relative to the repository
    dir="$default_dir"
  fi
  local bench_out="${BENCH_OUT:-$dir/bench}"
  local build_args=()
  read -r -a build_args <<< "${SWIFT_BUILD_ARGS:-}"

  local plm="${PLM:-}"
  if [ -z "$plm" ]; then
    plm="$(swift build --package-path "$root" -c release "${build_args[@]}" --show-bin-path)/plm"
    if [ ! -x "$plm" ]; then
      echo "building the release plm ..." >&2
      swift build --package-path "$root" -c release --product plm "${build_args[@]}" >&2
    fi
  fi
  if [ ! -x "$plm" ]; then
    echo "$(basename "$script" .sh): no plm binary at $plm (set PLM=PATH)" >&2
    exit 66
  fi

  mkdir -p "$dir"
  if [ "${SKIP_SIMULATE:-0}" != 1 ]; then
    local spec name night args
    for spec in "${nights[@]}"; do
      read -r name args <<< "$spec"
      local simulate_args=()
      read -r -a simulate_args <<< "$args"
      night="$dir/$name"
      rm -rf "$night"
      echo "+ plm simulate ${simulate_args[*]} --gzip --out $night" >&2
      "$plm" simulate "${simulate_args[@]}" --gzip --out "$night" >&2
    done
  fi

  local rules_args=()
  if [ -n "${RULES:-}" ]; then rules_args=(--rules "$RULES"); fi
  echo "+ plm bench $dir ${rules_args[*]} --out $bench_out" >&2
  "$plm" bench "$dir" "${rules_args[@]}" --out "$bench_out"
}
