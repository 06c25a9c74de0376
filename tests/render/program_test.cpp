// GL programs (app/render/program.cpp): a shader that does not compile is reported with its name.
#include <gtest/gtest.h>

#include <string>

#include "core/errors.hpp"
#include "render/program.hpp"
#include "support/render_fixture.hpp"

namespace atlas {
namespace {

using test::Render;

TEST_F(Render, ABrokenShaderIsReportedWithItsName) {
    try {
        Program p("broken", "#version 330 core\nvoid main() { this is not glsl }\n",
                  "#version 330 core\nvoid main() {}\n");
        FAIL() << "no error";
    } catch (const GlError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("shader 'broken.vert' does not compile: ", 0), 0u) << e.what();
        EXPECT_GT(std::string(e.what()).size(), std::string("shader 'broken.vert' does not compile: ").size());
    }
}

}  // namespace
}  // namespace atlas
