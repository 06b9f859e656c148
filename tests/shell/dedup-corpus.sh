# Sourced by the dedup tests: dedup_corpus N [jsonl] writes N documents of
# made-up news text to stdout, form-feed separated (or as JSON Lines with
# ids d1, d2, ...): new stories, exact copies of earlier ones (other case
# and spacing), near copies (a site's header and footer added, a sentence
# changed) and copies of those.  The choices come from an LCG small enough
# for awk's doubles, so every awk writes the same bytes.
dedup_corpus() {
	awk -v n="$1" -v jsonl="${2:-}" '
	function rnd() { seed = (seed * 69069 + 1) % 4294967296; return seed / 4294967296 }
	function pick(k) { return int(rnd() * k) }
	function word() { return w[pick(nw) + 1] }
	function sentence(   s, i) {
		s = word()
		s = toupper(substr(s, 1, 1)) substr(s, 2)
		for (i = 0; i < 14; i++)
			s = s " " word()
		return s "."
	}
	function emit(text,   t) {
		if (jsonl) {
			t = text
			gsub(/\n/, "\\n", t)
			printf "{\"id\": \"d%d\", \"text\": \"%s\"}\n", out + 1, t
		} else {
			if (out > 0)
				printf "\f\n"
			printf "%s\n", text
		}
		out++
	}
	BEGIN {
		seed = 20261204
		nw = split("harbour storm ferry island wind rain council school market " \
		    "bridge river train station museum library bank rate price farmer " \
		    "harvest city town mayor minister budget road port coast north " \
		    "south east west week month year morning night report agency " \
		    "official worker strike talk plan project water dam power grid " \
		    "hospital doctor team match season club player coach fan", w, " ")
		for (d = 0; d < n; d++) {
			r = rnd()
			if (d > 3 && r < 0.15) {           # an exact copy, louder and spaced
				t = toupper(doc[pick(d)])
				gsub(/ /, "  ", t)
			} else if (d > 3 && r < 0.35) {    # a near copy
				t = "Coast Daily | News | Sport\n" doc[pick(d)] "\nShare this story"
				if (rnd() < 0.5)
					sub(/\n[^\n]*$/, "\n" sentence(), t)
			} else {
				t = sentence()
				for (l = pick(4) + 3; l > 0; l--)
					t = t "\n" sentence()
			}
			doc[d] = t
			emit(t)
		}
	}'
}
