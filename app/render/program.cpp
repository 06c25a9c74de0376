// GLSL compilation and linking with readable errors.
#include "program.hpp"

#include <vector>

namespace atlas {

namespace {
GLuint compile(const char* name, GLenum type, const char* source) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(s, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(size_t(std::max(len, 1)));
        glGetShaderInfoLog(s, len, nullptr, log.data());
        glDeleteShader(s);
        throw GlError(std::string("shader '") + name + (type == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                      "' does not compile: " + log.data());
    }
    return s;
}
}  // namespace

Program::Program(const char* name, const char* vertex_source, const char* fragment_source) {
    const GLuint vs = compile(name, GL_VERTEX_SHADER, vertex_source);
    GLuint fs = 0;
    try {
        fs = compile(name, GL_FRAGMENT_SHADER, fragment_source);
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    id_ = glCreateProgram();
    glAttachShader(id_, vs);
    glAttachShader(id_, fs);
    glLinkProgram(id_);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(id_, GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(id_, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(size_t(std::max(len, 1)));
        glGetProgramInfoLog(id_, len, nullptr, log.data());
        glDeleteProgram(id_);
        id_ = 0;
        throw GlError(std::string("program '") + name + "' does not link: " + log.data());
    }
}

Program::~Program() {
    if (id_) glDeleteProgram(id_);
}

Program& Program::operator=(Program&& o) noexcept {
    if (this != &o) {
        if (id_) glDeleteProgram(id_);
        id_ = o.id_;
        o.id_ = 0;
    }
    return *this;
}

}  // namespace atlas
