// The fixture of the tests of the exports (tests/export): a fresh folder for each test, the
// shipped map in the Albers projection, the labels' font's measure, and the state of the atlas
// for a view as the exports make it. One class for every file of the suite, as GoogleTest
// requires of the tests of a suite.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/frame.hpp"
#include "geo/model.hpp"
#include "support/label_font.hpp"
#include "support/process.hpp"

namespace atlas::test {

class Vector : public ::testing::Test {
protected:
    std::string dir;
    void SetUp() override {
        dir = test::fresh_dir(std::string("vector-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }

    // The shipped data in the Albers projection, loaded once.
    static MapModel& model();

    // The labels' font's measure (font(), support/label_font.hpp).
    static TextMeasure measure();

    // The state of the atlas for a view, as the exports make it (outlines of a selection added).
    static AppState state_for(const View& view, int w, int h, const Layers& layers, Date date,
                              const std::string& selected = "", const std::vector<std::string>& members = {});
};

}  // namespace atlas::test
