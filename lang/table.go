package lang

// wordTable is an open-addressing hash table from lower-case word forms to
// their entries. The tokenizer hashes each word while lower-casing it, so a
// lookup costs one probe sequence and one comparison, with no allocation:
// the lookup runs once per word of every article.
type wordTable struct {
	keys    []string
	entries []Word
	mask    uint64
	maxLen  int
}

// Hash offsets for FNV-1a, the hash the tokenizer computes incrementally.
const (
	HashInit  uint64 = 14695981039346656037
	hashPrime uint64 = 1099511628211
)

// HashByte folds one byte into an FNV-1a hash.
func HashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * hashPrime }

// HashString is the FNV-1a hash of s.
func HashString(s string) uint64 {
	h := HashInit
	for i := 0; i < len(s); i++ {
		h = HashByte(h, s[i])
	}
	return h
}

func newWordTable(m map[string]Word) wordTable {
	size := 1
	for size < 4*len(m) {
		size <<= 1
	}
	t := wordTable{keys: make([]string, size), entries: make([]Word, size), mask: uint64(size - 1)}
	for k, v := range m {
		i := HashString(k) & t.mask
		for t.keys[i] != "" {
			i = (i + 1) & t.mask
		}
		t.keys[i], t.entries[i] = k, v
		t.maxLen = max(t.maxLen, len(k))
	}
	return t
}

func (t *wordTable) lookup(h uint64, lower []byte) Word {
	if len(lower) > t.maxLen || len(t.keys) == 0 {
		return Word{}
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		k := t.keys[i]
		if k == "" {
			return Word{}
		}
		if k == string(lower) {
			return t.entries[i]
		}
	}
}
