// Shaped text: UTF-8 in, glyphs out, in any script. The paragraph's direction and the visual order
// of its runs come from ICU's bidi algorithm (ubidi), each run is split by script (HarfBuzz's
// Unicode data) and by font (the pattern's FontChain: the label font, then fontconfig's fallbacks
// for what it lacks) and shaped with HarfBuzz (Arabic joining, marks, kerning, mirroring).
// Measuring and laying out need no GL; the renderer, the PDF and the SVG writers all draw from it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/labels.hpp"
#include "fonts.hpp"

namespace atlas {

// Decodes UTF-8. Each ill-formed sequence (a stray byte, a truncated or overlong sequence, a
// surrogate, a value past U+10FFFF) becomes one U+FFFD, as the Unicode standard recommends.
std::u32string decode_utf8(const std::string& utf8);
// Encodes code points (valid ones: decode_utf8's output) as UTF-8.
std::string encode_utf8(const std::u32string& text);

struct ShapedGlyph {
    std::uint32_t id = 0;       // glyph index in the run's font (never 0, .notdef: see missing)
    std::uint32_t cluster = 0;  // the first code point (index into ShapedText::text) it draws
    float advance = 0;          // em: the pen moves right by this after the glyph
    float x_offset = 0;         // em, right of the pen
    float y_offset = 0;         // em, up from the baseline
};

// Glyphs of one font, one script and one direction, left to right as they are drawn.
struct ShapedRun {
    int face = 0;                    // index of the font in the shaper's chain (TextShaper::fonts())
    const FontFile* font = nullptr;  // that font: path and face index, so FreeType and Cairo open it
    bool rtl = false;
    size_t first = 0, count = 0;  // the code points it draws, in logical order (ShapedText::text)
    std::vector<ShapedGlyph> glyphs;
};

struct ShapedText {
    std::u32string text;          // the input decoded (U+FFFD for ill-formed UTF-8)
    bool rtl = false;             // the paragraph's direction, from its first strong character
    std::vector<ShapedRun> runs;  // in visual order, left to right
    double width = 0;             // em: the sum of every advance
    std::u32string missing;       // characters no installed font has, each once, in order: not drawn
    // "U+E000, U+10FFFD": the missing characters for a message ("" when none).
    std::string missing_names() const;
};

// Shapes text in one pattern's chain of fonts and remembers the results (labels are laid out
// every frame). Thread-safe: calls are serialised.
class TextShaper {
public:
    // The chain for `pattern` (kLabelFont, ...). Throws DataError when no font is installed.
    explicit TextShaper(const std::string& pattern);
    ~TextShaper();
    TextShaper(const TextShaper&) = delete;
    TextShaper& operator=(const TextShaper&) = delete;

    // `utf8` shaped: never null, never throws for any input. A font that cannot be opened is
    // treated as missing its characters.
    std::shared_ptr<const ShapedText> shape(const std::string& utf8);
    // Width of `utf8` in em (shape(utf8)->width): the TextMeasure the program gives core.
    double measure(const std::string& utf8) { return shape(utf8)->width; }
    const FontChain& fonts() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Core's TextMeasure (width in em) through `shaper`, which must outlive it.
inline TextMeasure measure_with(TextShaper& shaper) {
    return [&shaper](const std::string& text) { return shaper.measure(text); };
}

// As measure_with, and keeps in `undrawable` each text measured (once) that has characters no
// installed font has, so that a program can say what it left out (see undrawable_note). Not for
// use from several threads at once.
TextMeasure measure_noting(TextShaper& shaper, std::vector<std::string>& undrawable);
// One line for the user naming the characters of `texts` no installed font has and the texts they
// are in ("" when none): "no installed font has U+E000 (in 'A\uE000B'): left out".
std::string undrawable_note(TextShaper& shaper, const std::vector<std::string>& texts);

// One shaper per pattern for the whole process (made at first use, kept to the end), so that
// the window, the exports and the vector writers share its fonts and remembered shapes.
TextShaper& shaper_for(const std::string& pattern);

// How the code points of a run map to its glyphs, for writers that keep the text with the glyphs
// (cairo_show_text_glyphs): the run's text as UTF-8 and its clusters of (bytes, glyphs) in the
// text's order; for a right-to-left run they count the glyphs backward (the first cluster holds
// the text's first bytes and the last glyphs), as Cairo's CAIRO_TEXT_CLUSTER_FLAG_BACKWARD says.
struct RunClusters {
    std::string utf8;
    std::vector<std::pair<int, int>> clusters;  // (bytes, glyphs), from the text's start
    bool backward = false;
};
RunClusters run_clusters(const ShapedText& text, const ShapedRun& run);

}  // namespace atlas
