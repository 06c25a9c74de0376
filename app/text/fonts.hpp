// The fonts text is set in, found through fontconfig: the typeface asked for, then the installed
// fonts that cover what it lacks (CJK from fonts-wqy-microhei, say). No GL, no FreeType, no
// HarfBuzz here; fontconfig's types stay in fonts.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace atlas {

// The typefaces the atlas asks fontconfig for (fontconfig's pattern syntax). DejaVu, from Debian's
// fonts-dejavu-core, covers Latin, Greek, Cyrillic, Arabic (Persian) and the article's typographic
// quotes; Chinese comes from fontconfig's fallback (fonts-wqy-microhei). Where DejaVu is missing,
// fontconfig's closest installed font is used instead.
inline constexpr const char* kLabelFont = "DejaVu Sans:bold";  // map labels, captions, figures
inline constexpr const char* kUiFont = "DejaVu Sans";          // the interface, the handout's text
inline constexpr const char* kSerifFont = "DejaVu Serif";      // the handout's quotations

// A font file on this machine, as fontconfig names it.
struct FontFile {
    std::string path;
    int index = 0;       // the face within the file (collections hold several)
    std::string family;  // e.g. "DejaVu Sans"
    friend bool operator==(const FontFile&, const FontFile&) = default;
};

// The scalable (outline) font that fontconfig matches best for `pattern`: the family asked for
// where it is installed, otherwise fontconfig's nearest substitute. Results are remembered per
// pattern. Throws DataError naming the pattern if fontconfig finds no outline font at all.
FontFile find_font(const std::string& pattern);

// The fonts to draw `pattern`'s text with, best first: find_font(pattern), then the fonts of
// fontconfig's sorted match (FcFontSort) that have characters none before them has, each with the
// characters it has (its FC_CHARSET). Immutable once made; safe to share between threads.
class FontChain {
public:
    // Throws DataError as find_font does.
    explicit FontChain(const std::string& pattern);
    ~FontChain();
    FontChain(const FontChain&) = delete;
    FontChain& operator=(const FontChain&) = delete;

    size_t size() const { return files_.size(); }
    const FontFile& file(size_t font) const { return files_[font]; }
    // Whether font `font` of the chain has a glyph for `cp`, by its character set.
    bool has(size_t font, char32_t cp) const;
    // The first font of the chain that has `cp`, or -1 when no installed font has it.
    int first_with(char32_t cp) const;

private:
    struct CharSets;
    std::vector<FontFile> files_;
    std::unique_ptr<CharSets> charsets_;
};

// The interface's font (kUiFont) and, where fontconfig has one, the font it falls back on for
// Chinese (fonts-wqy-microhei), merged into the panels when they show some.
struct InterfaceFonts {
    FontFile main;
    std::optional<FontFile> cjk;
};
InterfaceFonts interface_fonts();

}  // namespace atlas
