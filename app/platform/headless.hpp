// A windowless OpenGL 3.3 core context through EGL (Mesa's surfaceless platform, or an EGL
// device such as an NVIDIA GPU). Needs no display server. Depends on libepoxy only.
#pragma once

#include <memory>
#include <string>

namespace atlas {

class HeadlessContext {
public:
    // Creates the context and makes it current on this thread. Throws GlError saying which step
    // failed (no EGL, no display, no OpenGL 3.3 core) so the caller can print one line.
    HeadlessContext();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    // GL_RENDERER of the context, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".
    std::string renderer() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace atlas
