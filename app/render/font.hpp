// Label font: FreeType glyphs rasterised at the exact pixel size they are drawn at, each with a
// halo (the glyph's outline stroked by FreeType), packed on demand into one GL texture.
// Measuring needs no GL; glyph() uploads into the atlas and needs a current context.
#pragma once

#include <epoxy/gl.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "text/fonts.hpp"

namespace atlas {

class Font {
public:
    // One bitmap in the atlas: texture coordinates and its placement relative to the pen, in px.
    struct Sprite {
        float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
        int left = 0, top = 0;  // offset of the bitmap's top-left from the pen (y up)
        int width = 0, height = 0;
    };
    struct Glyph {
        Sprite fill, halo;
    };

    // Opens the label font (find_font(kLabelFont)), or `file`. Throws DataError naming the file if
    // FreeType cannot read it.
    Font();
    explicit Font(const FontFile& file);
    ~Font();
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;

    // Width of UTF-8 `text` in em (multiply by the size in pixels). Unhinted, so a label's
    // layout is the same at every size. No GL needed.
    double measure(const std::string& text);
    // Advance of one code point in em.
    double advance(char32_t cp);
    // Glyph of `cp` at size_px with a halo of halo_px, rasterised into the atlas on first use
    // (needs a GL context). Returns nullptr if the atlas is full: call reset_atlas() and retry,
    // and if they still do not fit, grow_atlas().
    const Glyph* glyph(char32_t cp, float size_px, float halo_px);
    // Forgets every glyph in the atlas (their sprites become invalid).
    void reset_atlas();
    // Doubles the atlas (and empties it); false if the GPU's texture size limit forbids it.
    bool grow_atlas();
    int atlas_size() const { return atlas_size_; }
    GLuint texture() const { return texture_; }

    // Decodes UTF-8, replacing malformed bytes with U+FFFD.
    static std::vector<char32_t> decode(const std::string& utf8);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    // Key: code point, size and halo in 1/64 px.
    std::map<std::tuple<char32_t, int, int>, Glyph> glyphs_;
    std::map<char32_t, double> advances_;
    GLuint texture_ = 0;
    int atlas_size_ = 0;  // 0 until the first glyph is packed
    int pen_x_ = 0, pen_y_ = 0, row_h_ = 0;
    bool pack(int w, int h, const unsigned char* pixels, int pitch, Sprite& out);
};

}  // namespace atlas
