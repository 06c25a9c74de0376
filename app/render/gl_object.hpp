// One GL object name (a buffer, vertex array, texture, framebuffer or renderbuffer) owned as a
// unique_ptr owns its pointer: made by make(), deleted with its owner, moved but never copied.
// Needs the GL context current where it is made and where it is destroyed, as Program does.
#pragma once

#include <epoxy/gl.h>

#include <utility>

namespace atlas {

enum class GlKind { Buffer, VertexArray, Texture, Framebuffer, Renderbuffer };

template <GlKind Kind>
class GlObject {
public:
    GlObject() = default;  // no name yet
    static GlObject make() {
        GlObject o;
        if constexpr (Kind == GlKind::Buffer) glGenBuffers(1, &o.id_);
        if constexpr (Kind == GlKind::VertexArray) glGenVertexArrays(1, &o.id_);
        if constexpr (Kind == GlKind::Texture) glGenTextures(1, &o.id_);
        if constexpr (Kind == GlKind::Framebuffer) glGenFramebuffers(1, &o.id_);
        if constexpr (Kind == GlKind::Renderbuffer) glGenRenderbuffers(1, &o.id_);
        return o;
    }
    ~GlObject() { reset(); }
    GlObject(GlObject&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
    GlObject& operator=(GlObject&& o) noexcept {
        if (this != &o) {
            reset();
            id_ = std::exchange(o.id_, 0);
        }
        return *this;
    }
    GlObject(const GlObject&) = delete;
    GlObject& operator=(const GlObject&) = delete;

    GLuint id() const { return id_; }
    explicit operator bool() const { return id_ != 0; }
    // Deletes the object now (the name is 0 after).
    void reset() {
        if (!id_) return;
        if constexpr (Kind == GlKind::Buffer) glDeleteBuffers(1, &id_);
        if constexpr (Kind == GlKind::VertexArray) glDeleteVertexArrays(1, &id_);
        if constexpr (Kind == GlKind::Texture) glDeleteTextures(1, &id_);
        if constexpr (Kind == GlKind::Framebuffer) glDeleteFramebuffers(1, &id_);
        if constexpr (Kind == GlKind::Renderbuffer) glDeleteRenderbuffers(1, &id_);
        id_ = 0;
    }

private:
    GLuint id_ = 0;
};

using GlBuffer = GlObject<GlKind::Buffer>;
using GlVertexArray = GlObject<GlKind::VertexArray>;
using GlTexture = GlObject<GlKind::Texture>;
using GlFramebuffer = GlObject<GlKind::Framebuffer>;
using GlRenderbuffer = GlObject<GlKind::Renderbuffer>;

}  // namespace atlas
