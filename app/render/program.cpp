// GLSL compilation and linking with readable errors.
#include "program.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace atlas {

namespace {
// The info log of a shader or program, read with the matching pair of GL queries.
template <class GetIv, class GetLog>
std::string info_log(GLuint object, GetIv get_iv, GetLog get_log) {
    GLint len = 0;
    get_iv(object, GL_INFO_LOG_LENGTH, &len);
    std::vector<char> log(size_t(std::max(len, 1)), '\0');
    get_log(object, len, nullptr, log.data());
    return log.data();
}

GLuint compile(const char* name, GLenum type, const char* source) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        const std::string log = info_log(s, glGetShaderiv, glGetShaderInfoLog);
        glDeleteShader(s);
        throw GlError(std::string("shader '") + name + (type == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                      "' does not compile: " + log);
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
        const std::string log = info_log(id_, glGetProgramiv, glGetProgramInfoLog);
        glDeleteProgram(id_);
        id_ = 0;
        throw GlError(std::string("program '") + name + "' does not link: " + log);
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
