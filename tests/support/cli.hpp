// The fixture of the tests that run the program (tests/app): a fresh folder for each test, and
// the checks they share: how many entries a folder holds, the one line a refusal prints, the pages
// of a PDF, and an environment in which EGL finds no GL. One class for every file of the suite,
// as GoogleTest requires of the tests of a suite.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace atlas::test {

class Cli : public ::testing::Test {
protected:
    std::string dir;
    void SetUp() override {
        dir = fresh_dir(std::string("cli-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }

    // The number of entries (files and folders) directly in `folder`.
    static size_t entries(const std::string& folder);

    // One line on stderr, starting with the program's name, and nothing on stdout.
    static void expect_one_line(const RunResult& r, const std::string& message);

    // Pages of a PDF as GDAL's PDF driver reads it: a document of several pages lists one
    // subdataset per page; one of a single page opens as that page. 0 if GDAL cannot open it.
    static size_t pdf_pages(const std::string& path);

    // What GL needs, pointed at nothing: as on a machine without GL.
    static const std::vector<std::string> kNoGl;
};

}  // namespace atlas::test
