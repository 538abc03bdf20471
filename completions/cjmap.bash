# bash completion for cjmap(1)
_cjmap() {
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}
        words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    }
    local commands="check build watch preview lsp init stats schema help"
    local global="--color --color=auto --color=always --color=never --diagnostics=human
                  --diagnostics=json --diagnostics=github --strict --quiet --max-input= --help --version"
    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in -*) ;; *) cmd=${words[i]}; break ;; esac
    done
    case $prev in
        -o|-O) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "pdf svg png" -- "$cur")); return ;;
        --page) COMPREPLY=($(compgen -W "auto A4 A3 A2 A1 A0 letter tabloid" -- "$cur")); return ;;
        --fit) COMPREPLY=($(compgen -W "page width none" -- "$cur")); return ;;
        --layout) COMPREPLY=($(compgen -W "rows columns" -- "$cur")); return ;;
        --theme) COMPREPLY=($(compgen -W "default mono" -- "$cur")); return ;;
        --model) COMPREPLY=($(compgen -W "aida b2b five-step classic" -- "$cur")); return ;;
        --locale) COMPREPLY=($(compgen -W "en da nb sv de" -- "$cur")); return ;;
    esac
    if [ -z "$cmd" ]; then
        COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return
    fi
    local opts=""
    case $cmd in
        build|watch) opts="-o -O -f --page --fit --landscape --portrait --layout --theme --dpi --max-side" ;;
        preview) opts="--port --host --open --page --fit --landscape --portrait --layout --theme --max-side" ;;
        lsp) opts="--stdio" ;;
        init) opts="--model --locale -o --force" ;;
        stats) opts="--json" ;;
        help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts $global" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -F _cjmap -o filenames cjmap
