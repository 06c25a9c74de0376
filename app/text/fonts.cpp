// fontconfig: the best outline font for a pattern, and the chain of fallbacks behind it.
#include "fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <cstdio>
#include <functional>
#include <map>
#include <mutex>

#include "core/errors.hpp"

namespace atlas {

namespace {

// Calls `visit` with each font of fontconfig's sorted match for `pattern` that has outlines (labels
// need them for their halo) and is a file that can be opened (fontconfig also lists bitmap fonts,
// and its cache may name a file since removed), best first, until `visit` returns false.
void sorted_outline_fonts(const std::string& pattern, const std::function<bool(FcPattern*, const FontFile&)>& visit) {
    // The fontconfig library keeps its configuration for the process (FcInit once); the pattern
    // and the sorted set are ours to free.
    if (!FcInit()) throw DataError("no font to draw text with: fontconfig could not read its configuration");
    FcPattern* want = FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str()));
    if (!want) throw DataError("no font to draw text with: '" + pattern + "' is not a fontconfig pattern");
    FcPatternAddBool(want, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(nullptr, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult result = FcResultNoMatch;
    FcFontSet* set = FcFontSort(nullptr, want, FcFalse, nullptr, &result);
    for (int i = 0; set && i < set->nfont; ++i) {
        FcPattern* f = set->fonts[i];
        FcChar8* path = nullptr;
        FcBool outline = FcFalse;
        if (FcPatternGetString(f, FC_FILE, 0, &path) != FcResultMatch) continue;
        if (FcPatternGetBool(f, FC_OUTLINE, 0, &outline) == FcResultMatch && !outline) continue;
        if (FILE* probe = std::fopen(reinterpret_cast<const char*>(path), "rb")) {
            std::fclose(probe);
        } else {
            continue;
        }
        FontFile file;
        file.path = reinterpret_cast<const char*>(path);
        int index = 0;
        if (FcPatternGetInteger(f, FC_INDEX, 0, &index) == FcResultMatch) file.index = index;
        FcChar8* family = nullptr;
        if (FcPatternGetString(f, FC_FAMILY, 0, &family) == FcResultMatch)
            file.family = reinterpret_cast<const char*>(family);
        if (!visit(f, file)) break;
    }
    if (set) FcFontSetDestroy(set);
    FcPatternDestroy(want);
}

[[noreturn]] void no_font(const std::string& pattern) {
    throw DataError("no font to draw text with: fontconfig finds no outline font for '" + pattern +
                    "' (install fonts-dejavu-core)");
}

}  // namespace

FontFile find_font(const std::string& pattern) {
    static std::mutex mutex;
    static std::map<std::string, FontFile> found;
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = found.find(pattern); it != found.end()) return it->second;
    FontFile file;
    sorted_outline_fonts(pattern, [&](FcPattern*, const FontFile& f) {
        file = f;
        return false;
    });
    if (file.path.empty()) no_font(pattern);
    found[pattern] = file;
    return file;
}

struct FontChain::CharSets {
    std::vector<FcCharSet*> sets;  // one reference each, parallel to files_
    ~CharSets() {
        for (FcCharSet* s : sets) FcCharSetDestroy(s);
    }
};

FontChain::FontChain(const std::string& pattern) : charsets_(std::make_unique<CharSets>()) {
    const FontFile first = find_font(pattern);
    FcCharSet* covered = FcCharSetCreate();
    sorted_outline_fonts(pattern, [&](FcPattern* f, const FontFile& file) {
        FcCharSet* chars = nullptr;
        if (FcPatternGetCharSet(f, FC_CHARSET, 0, &chars) != FcResultMatch) return true;
        // find_font's font leads (it is the first outline font of the same sort); after it, only
        // fonts that add characters: a system with many fonts keeps a short chain.
        const bool lead = files_.empty();
        if (lead ? !(file == first) : FcCharSetSubtractCount(chars, covered) == 0) return true;
        files_.push_back(file);
        charsets_->sets.push_back(FcCharSetCopy(chars));
        FcCharSetMerge(covered, chars, nullptr);
        return true;
    });
    FcCharSetDestroy(covered);
    if (files_.empty()) no_font(pattern);
}

FontChain::~FontChain() = default;

bool FontChain::has(size_t font, char32_t cp) const { return FcCharSetHasChar(charsets_->sets[font], cp); }

int FontChain::first_with(char32_t cp) const {
    for (size_t i = 0; i < files_.size(); ++i)
        if (has(i, cp)) return int(i);
    return -1;
}

InterfaceFonts interface_fonts() {
    InterfaceFonts f;
    f.main = find_font(kUiFont);
    const FontChain chain(kUiFont);
    if (const int cjk = chain.first_with(U'中'); cjk > 0) f.cjk = chain.file(size_t(cjk));
    return f;
}

}  // namespace atlas
