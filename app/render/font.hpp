// The label font's glyph atlas: the glyphs a TextShaper chose (any font of its chain, by glyph id),
// rasterised by FreeType at the exact pixel size they are drawn at, each with a halo (the glyph's
// outline stroked by FreeType), packed on demand into one GL texture. Shaping and measuring are
// the shaper's (text/, no GL); glyph() uploads into the atlas and needs a current context.
#pragma once

#include <epoxy/gl.h>

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "render/gl_object.hpp"
#include "text/shape.hpp"

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

    // The glyphs of `shaper`'s fonts; the label font's shaper (shaper_for(kLabelFont)) by default,
    // which throws DataError when no font is installed. `shaper` must outlive this.
    Font();
    explicit Font(TextShaper& shaper);
    ~Font();
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;

    // What lays out the text whose glyphs this draws (its widths are the labels' layout).
    TextShaper& shaper() const { return shaper_; }
    // Glyph `id` of font `face` of the shaper's chain (a ShapedRun's face and a ShapedGlyph's id)
    // at size_px with a halo of halo_px, rasterised into the atlas on first use (needs a GL
    // context); empty sprites if the font file cannot be read. Returns nullptr if the atlas is
    // full: call reset_atlas() and retry, and if they still do not fit, grow_atlas().
    const Glyph* glyph(int face, std::uint32_t id, float size_px, float halo_px);
    // Forgets every glyph in the atlas (their sprites become invalid).
    void reset_atlas();
    // Doubles the atlas (and empties it); false if the GPU's texture size limit forbids it.
    bool grow_atlas();
    int atlas_size() const { return atlas_size_; }
    GLuint texture() const { return texture_.id(); }

private:
    struct Impl;
    struct Key {
        int face;
        std::uint32_t id;
        int size, halo;  // 1/64 px
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const {
            return std::hash<std::uint64_t>()((std::uint64_t(k.id) << 32 | std::uint32_t(k.face)) ^
                                              (std::uint64_t(std::uint32_t(k.size)) << 16) ^ std::uint32_t(k.halo));
        }
    };
    TextShaper& shaper_;
    std::unique_ptr<Impl> impl_;
    std::unordered_map<Key, Glyph, KeyHash> glyphs_;
    GlTexture texture_;
    int atlas_size_ = 0;  // 0 until the first glyph is packed
    int pen_x_ = 0, pen_y_ = 0, row_h_ = 0;
    bool pack(int w, int h, const unsigned char* pixels, int pitch, Sprite& out);
};

}  // namespace atlas
