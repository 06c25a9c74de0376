// A linked GLSL program from embedded shader sources. Needs a current GL 3.3 core context.
#pragma once

#include <epoxy/gl.h>

#include <string>

#include "core/errors.hpp"

namespace atlas {

class Program {
public:
    Program() = default;
    // Compiles and links; throws GlError with the compiler's log (and the shader's name) on failure.
    Program(const char* name, const char* vertex_source, const char* fragment_source);
    ~Program();
    Program(Program&& o) noexcept : id_(o.id_) { o.id_ = 0; }
    Program& operator=(Program&& o) noexcept;
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    GLuint id() const { return id_; }
    // Location of a uniform; -1 (which GL ignores) if the program does not use it.
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

private:
    GLuint id_ = 0;
};

}  // namespace atlas
