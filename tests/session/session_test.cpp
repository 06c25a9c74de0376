// The session driven as the window drives it, with scripted input and a clock of the test's own:
// no window, no GL.
#include "session/session.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <unistd.h>

#include "geo/facts_load.hpp"

namespace atlas {
namespace {

constexpr long long kSecond = 1'000'000'000LL;

InputEvent event(InputEvent::Kind kind, Vec2 at = {0, 0}) {
    InputEvent e;
    e.kind = kind;
    e.at = at;
    return e;
}

InputEvent key(Key k, char c = 0) {
    InputEvent e = event(InputEvent::Kind::KeyDown);
    e.key = k;
    e.character = c;
    return e;
}

class SessionTest : public ::testing::Test {
protected:
    SessionTest() : session(options(), [](const std::string& text) { return 0.5 * double(text.size()); }) {
        viewport.fb_width = 1280;
        viewport.fb_height = 800;
        viewport.width = 1280;
        viewport.height = 800;
        session.set_viewport(viewport);
        session.start(MapModel::load(ATLAS_TEST_DATA_DIR, "albers"));
        frame();
    }
    static SessionOptions options() {
        SessionOptions o;
        o.data.dir = ATLAS_TEST_DATA_DIR;
        return o;
    }
    // One frame of the window's loop: the events, a pointer sample (over the map), the update.
    void frame(const std::vector<InputEvent>& events = {}, std::optional<Vec2> pointer = std::nullopt) {
        for (const InputEvent& e : events) session.input(e);
        session.set_viewport(viewport);
        InputEvent p = event(InputEvent::Kind::Pointer, pointer.value_or(Vec2{std::nan(""), std::nan("")}));
        session.input(p);
        session.update(now);
        now += kSecond / 60;
    }
    // Where a lon/lat is in the window (points).
    Vec2 on_screen(Vec2 lonlat) const {
        return session.state().camera.to_screen(session.model()->projection->forward(lonlat));
    }
    void click(Vec2 at, bool over_interface = false) {
        InputEvent press = event(InputEvent::Kind::Press, at), release = event(InputEvent::Kind::Release, at);
        press.over_interface = release.over_interface = over_interface;
        frame({press, release});
    }

    Viewport viewport;
    Session session;
    long long now = kSecond;
};

// Central Kazakhstan and central Uzbekistan, well inside their borders.
const Vec2 kKazakhstan{67, 48}, kUzbekistan{64, 41.5};

// Once the panels have their places, the start's view is framed into the map's part of the
// window: with panels over the left half, Central Asia's cities are all in the right half. A
// selection's flight ends with it there too, and Home frames the region there again.
TEST_F(SessionTest, TheRegionAndASelectionAreFramedBesideThePanels) {
    const UiState::Area area{700, 0, 1280, 720};
    session.ui().map_area = area;
    frame();
    const std::vector<std::pair<const char*, Vec2>> cities = {
        {"Ashgabat", {58.38, 37.95}}, {"Tashkent", {69.24, 41.31}}, {"Astana", {71.45, 51.17}},
        {"Bishkek", {74.6, 42.87}},   {"Dushanbe", {68.78, 38.56}}, {"Kabul", {69.18, 34.53}}};
    auto inside = [&](const char* what) {
        for (const auto& [name, ll] : cities) {
            const Vec2 p = on_screen(ll);
            EXPECT_TRUE(p.x > area.x0 && p.x < area.x1 && p.y > area.y0 && p.y < area.y1)
                << what << ": " << name << " at " << p.x << "," << p.y << ", outside the map's part";
        }
    };
    inside("the start");
    frame({key(Key::Character, '-'), key(Key::Character, '-'), key(Key::Left)});
    frame({key(Key::Home)});
    inside("Home");
    session.ui().request_select = "TKM";
    for (int i = 0; i < 120; ++i) frame();
    const Vec2 tm = on_screen({59.5, 39.0});  // central Turkmenistan
    EXPECT_GT(tm.x, area.x0 + 100) << "Turkmenistan was flown to under the panels";
}

TEST_F(SessionTest, AClickOnTheMapSelectsTheCountryUnderItWithoutMovingTheMap) {
    const Camera before = session.state().camera;
    click(on_screen(kKazakhstan));
    EXPECT_EQ(session.state().selected, "KAZ");
    frame();
    EXPECT_FALSE(session.flying());
    EXPECT_EQ(session.state().camera.centre, before.centre);
}

TEST_F(SessionTest, APressOverAPanelNeitherSelectsNorPansAndAWheelThereDoesNotZoom) {
    const Camera before = session.state().camera;
    click(on_screen(kKazakhstan), true);
    InputEvent press = event(InputEvent::Kind::Press, on_screen(kUzbekistan)), move = event(InputEvent::Kind::Move);
    press.over_interface = move.over_interface = true;
    move.moved = {120, 40};
    InputEvent wheel = event(InputEvent::Kind::Wheel, on_screen(kUzbekistan));
    wheel.wheel = 3;
    wheel.over_interface = true;
    frame({press, move, wheel, event(InputEvent::Kind::Release, on_screen(kUzbekistan))});
    EXPECT_EQ(session.state().selected, "");
    EXPECT_EQ(session.state().camera.centre, before.centre);
    EXPECT_EQ(session.state().camera.metres_per_px, before.metres_per_px);
}

TEST_F(SessionTest, ADragPansByThePointersMovementAndIsNoClick) {
    const Camera before = session.state().camera;
    const Vec2 at = on_screen(kKazakhstan);
    InputEvent move = event(InputEvent::Kind::Move, {at.x + 100, at.y});
    move.moved = {100, 0};
    frame({event(InputEvent::Kind::Press, at), move, event(InputEvent::Kind::Release, {at.x + 100, at.y})});
    EXPECT_EQ(session.state().selected, "");
    EXPECT_NEAR(session.state().camera.centre.x, before.centre.x - 100 * before.metres_per_px, 1e-6);
    EXPECT_EQ(session.state().camera.centre.y, before.centre.y);
}

// A view the user is moving is drawn one level of detail coarser, as a flight is, and at full
// detail once it has stayed still for kSettleNs; the window keeps drawing until then.
TEST_F(SessionTest, AMovingViewIsDrawnCoarserUntilItSettles) {
    ASSERT_TRUE(session.frame());
    EXPECT_EQ(session.frame()->detail_bias, 1.0);
    EXPECT_FALSE(session.animating());
    const Vec2 at = on_screen(kKazakhstan);
    InputEvent move = event(InputEvent::Kind::Move, {at.x + 40, at.y});
    move.moved = {40, 0};
    frame({event(InputEvent::Kind::Press, at), move});
    EXPECT_EQ(session.frame()->detail_bias, kFlightDetailBias);
    EXPECT_TRUE(session.animating()) << "the settled frame must still be drawn";
    InputEvent wheel = event(InputEvent::Kind::Wheel, at);
    wheel.wheel = 1;
    frame({wheel});
    EXPECT_EQ(session.frame()->detail_bias, kFlightDetailBias);
    // Still for less than kSettleNs: still coarse; then full detail, and nothing left to draw.
    frame();
    EXPECT_EQ(session.frame()->detail_bias, kFlightDetailBias);
    now += Session::kSettleNs;
    frame();
    EXPECT_EQ(session.frame()->detail_bias, 1.0);
    EXPECT_FALSE(session.animating());
    // A pointer held still on the map (the button still down) is no motion.
    frame({}, Vec2{at.x + 40, at.y});
    EXPECT_EQ(session.frame()->detail_bias, 1.0);
    frame({event(InputEvent::Kind::Release, {at.x + 40, at.y})});
    EXPECT_EQ(session.frame()->detail_bias, 1.0);
}

TEST_F(SessionTest, TheWheelZoomsAboutThePointer) {
    const Vec2 at = on_screen(kUzbekistan);
    const Vec2 map_before = session.state().camera.to_map(at);
    const double scale_before = session.state().camera.metres_per_px;
    InputEvent wheel = event(InputEvent::Kind::Wheel, at);
    wheel.wheel = 2;
    frame({wheel});
    EXPECT_NEAR(session.state().camera.metres_per_px, scale_before / 1.5625, scale_before * 1e-9);
    const Vec2 map_after = session.state().camera.to_map(at);
    EXPECT_NEAR(map_after.x, map_before.x, 1e-6);
    EXPECT_NEAR(map_after.y, map_before.y, 1e-6);
}

TEST_F(SessionTest, ShortcutsWorkUnlessAPanelHasTheKeyboard) {
    const bool countries = session.state().layers.countries;
    InputEvent one = key(Key::Character, '1');
    one.interface_has_keyboard = true;
    frame({one});
    EXPECT_EQ(session.state().layers.countries, countries);
    one.interface_has_keyboard = false;
    frame({one});
    EXPECT_EQ(session.state().layers.countries, !countries);
    // Escape in a panel gives the keyboard back to the map.
    InputEvent escape = key(Key::Escape);
    escape.interface_has_keyboard = true;
    session.input(escape);
    EXPECT_TRUE(session.ui().release_keyboard);
}

TEST_F(SessionTest, ADayRequestedMovesTheDateAndBracketsStepThroughTheTimelinesEvents) {
    session.ui().request_date = Date{2001, 6, 15};
    frame();
    EXPECT_EQ(session.state().date, (Date{2001, 6, 15}));
    frame({key(Key::Character, ']')});
    frame();
    const Date next = session.state().date;
    EXPECT_TRUE((Date{2001, 6, 15} < next));
    frame({key(Key::Character, '[')});
    frame();
    EXPECT_TRUE(session.state().date < next);
}

TEST_F(SessionTest, TheFrameIsRebuiltOnlyWhenWhatItShowsChanges) {
    const int built = session.frames_built();
    frame();
    frame({}, on_screen(kKazakhstan));  // the pointer moving over the map changes nothing drawn
    EXPECT_EQ(session.frames_built(), built);
    frame({key(Key::Right)});
    EXPECT_EQ(session.frames_built(), built + 1);
    frame({key(Key::Character, '9')});  // the graticule
    EXPECT_EQ(session.frames_built(), built + 2);
}

TEST_F(SessionTest, TheTooltipNamesTheCountryUnderThePointerAndItsStanding) {
    frame({}, on_screen(kKazakhstan));
    ASSERT_FALSE(session.ui().hover.empty());
    EXPECT_EQ(session.ui().hover.front(), "Kazakhstan");
    EXPECT_EQ(session.ui().cursor_country, "Kazakhstan");
    InputEvent over_panel = event(InputEvent::Kind::Pointer, on_screen(kKazakhstan));
    over_panel.over_interface = true;
    session.input(over_panel);
    session.update(now);
    EXPECT_TRUE(session.ui().hover.empty());
    // Over a panel the panel's cursor box names nothing either (it kept the last country), and
    // back over the map it names the country again.
    EXPECT_EQ(session.ui().cursor_country, "");
    EXPECT_EQ(session.ui().cursor_note, "");
    frame({}, on_screen(kKazakhstan));
    EXPECT_EQ(session.ui().cursor_country, "Kazakhstan");
    frame({}, std::nullopt);  // off the window
    EXPECT_TRUE(session.ui().hover.empty());
    EXPECT_EQ(session.ui().cursor_country, "");
}

TEST_F(SessionTest, TheSearchBoxsEnterSelectsTheFirstHitAndFliesThere) {
    session.ui().search = "Kyrgyz";
    session.ui().search_active = true;
    InputEvent enter = key(Key::Return);
    enter.interface_has_keyboard = true;
    frame({enter});
    EXPECT_EQ(session.state().selected, "KGZ");
    EXPECT_TRUE(session.flying());
    EXPECT_TRUE(session.ui().release_keyboard);
    now += 2 * kSecond;
    frame();
    EXPECT_FALSE(session.flying());
    // The flight ends with Kyrgyzstan in the middle of the view.
    const Vec2 mid{viewport.width / 2.0, viewport.height / 2.0};
    const int c = session.model()->country_at(session.state().camera.to_map(mid), session.state().date);
    ASSERT_GE(c, 0);
    EXPECT_EQ(session.model()->world->countries[size_t(c)].iso_a3, "KGZ");
}

TEST_F(SessionTest, ThePresentationFliesFromSceneToSceneOnTheSessionsClock) {
    ASSERT_NE(session.scenes(), nullptr);
    ASSERT_GE(session.scenes()->size(), 2u);
    frame({key(Key::F5)});
    EXPECT_TRUE(session.presenting());
    EXPECT_TRUE(session.ui().presentation.on);
    now += 2 * kSecond;
    frame();
    const Scene second = (*session.scenes())[1];
    const Date first_day = session.state().date;
    EXPECT_EQ(first_day, (*session.scenes())[0].date);
    frame({key(Key::PageDown)});
    now += kSecond * 8 / 10;  // half of the 1.6 s flight
    frame();
    EXPECT_TRUE(session.flying());
    const Date halfway = session.state().date;
    if (!(second.date == first_day)) {
        EXPECT_FALSE(halfway == second.date);
    }
    now += kSecond;
    frame();
    EXPECT_FALSE(session.flying());
    EXPECT_EQ(session.state().date, second.date);
    frame({key(Key::Escape)});
    EXPECT_FALSE(session.presenting());
}

TEST_F(SessionTest, ClosingWithUnsavedSceneEditsAsksFirstAndASecondRequestCloses) {
    session.ui().tour.unsaved = true;
    session.input(event(InputEvent::Kind::Quit));
    EXPECT_TRUE(session.running());
    EXPECT_TRUE(session.ui().tour.closing);
    session.input(event(InputEvent::Kind::Quit));
    EXPECT_FALSE(session.running());
}

// A teacher's drawing on a scene, never saved with S, is unsaved work: closing the window asks (it
// was lost without a word), and the prompt's Save writes it with its scene.
TEST_F(SessionTest, ClosingWithAnUnsavedDrawingAsksFirst) {
    frame({key(Key::F5)});
    ASSERT_TRUE(session.presenting());
    for (int i = 0; i < 200; ++i) frame();  // the first scene's flight
    const std::string scene = (*session.scenes())[0].id;
    const size_t before = (*session.scenes())[0].annotations.shapes.size();
    InputEvent press = event(InputEvent::Kind::Press, {400, 300});
    press.button = Button::Left;
    InputEvent move = event(InputEvent::Kind::Move, {480, 340});
    move.moved = {80, 40};
    InputEvent move2 = event(InputEvent::Kind::Move, {560, 300});
    move2.moved = {80, -40};
    InputEvent release = event(InputEvent::Kind::Release, {560, 300});
    release.button = Button::Left;
    frame({key(Key::Character, 'f')});
    frame({press});
    frame({move});
    frame({move2});
    frame({release});
    frame({key(Key::Escape)});
    ASSERT_FALSE(session.presenting());
    session.input(event(InputEvent::Kind::Quit));
    EXPECT_TRUE(session.running()) << "the drawing was lost without asking";
    EXPECT_TRUE(session.ui().tour.closing);
    EXPECT_EQ(session.ui().tour.ink_scenes, 1u);
    ASSERT_EQ((*session.scenes())[0].id, scene);
    EXPECT_EQ((*session.scenes())[0].annotations.shapes.size(), before + 1) << "the drawing is not in its scene to save";
}

TEST_F(SessionTest, AnExportOfAnImpossibleSizeIsRefusedInThePanel) {
    session.ui().export_width = 0;
    session.ui().request_export = true;
    EXPECT_FALSE(session.take_export().has_value());
    ASSERT_FALSE(session.ui().errors.empty());
    EXPECT_NE(session.ui().errors.back().find("is not positive"), std::string::npos);
    const std::string folder = ::testing::TempDir() + "session-export";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    session.ui().export_folder = folder;
    session.ui().export_width = 800;
    session.ui().export_height = 600;
    session.ui().export_path = "figure.png";
    // Ctrl+E opens the Export window with its name's field ready (E alone does nothing): the
    // export itself is the window's button or Enter.
    frame({key(Key::Character, 'e')});
    EXPECT_FALSE(session.ui().export_open);
    InputEvent ctrl_e = key(Key::Character, 'e');
    ctrl_e.ctrl = true;
    frame({ctrl_e});
    EXPECT_TRUE(session.ui().export_open);
    EXPECT_TRUE(session.ui().focus_export);
    EXPECT_FALSE(session.take_export().has_value());
    session.ui().request_export = true;
    const auto job = session.take_export();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->path, folder + "/figure.png") << "the file goes into the folder shown";
    EXPECT_EQ(job->state.camera.width_px, 800);
    EXPECT_EQ(job->state.camera.height_px, 600);
    session.exported(*job, "");
    EXPECT_NE(session.ui().status.find(folder + "/figure.png"), std::string::npos) << session.ui().status;
    EXPECT_EQ(session.ui().written_path, folder + "/figure.png");
}

// A file that is there already is replaced only after the window asked; a folder that is not
// there is said in the panel, and nothing is written.
TEST_F(SessionTest, AnExportAsksBeforeReplacingAFileAndNamesAMissingFolder) {
    const std::string folder = ::testing::TempDir() + "session-replace";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    { std::ofstream(folder + "/figure.png") << "the teacher's earlier figure"; }
    session.ui().export_folder = folder;
    session.ui().export_path = "figure.png";
    session.ui().request_export = true;
    EXPECT_FALSE(session.take_export().has_value());
    EXPECT_EQ(session.ui().export_confirm, folder + "/figure.png");
    EXPECT_TRUE(session.ui().errors.empty());
    // The window's Replace.
    session.ui().export_confirm.clear();
    session.ui().export_replace = session.ui().request_export = true;
    const auto job = session.take_export();
    ASSERT_TRUE(job.has_value());
    EXPECT_EQ(job->path, folder + "/figure.png");
    EXPECT_FALSE(session.ui().export_replace) << "the next export asks again";
    session.ui().request_export = true;
    EXPECT_FALSE(session.take_export().has_value());
    session.ui().export_confirm.clear();
    // No such folder.
    session.ui().export_folder = folder + "/gone";
    session.ui().request_export = true;
    EXPECT_FALSE(session.take_export().has_value());
    ASSERT_FALSE(session.ui().errors.empty());
    EXPECT_NE(session.ui().errors.back().find("'" + folder + "/gone': there is no such folder"), std::string::npos)
        << session.ui().errors.back();
    EXPECT_EQ(session.ui().export_error, session.ui().errors.back()) << "the Export window does not say it";
    // A write that fails is said there too; one that works clears it.
    ExportJob failed;
    failed.path = "/proc/sys/figure.png";
    session.exported(failed, "cannot write '/proc/sys/figure.png': No such file or directory");
    EXPECT_EQ(session.ui().export_error, "cannot write '/proc/sys/figure.png': No such file or directory");
    failed.path = folder + "/figure.png";
    session.exported(failed, "");
    EXPECT_TRUE(session.ui().export_error.empty());
}

TEST_F(SessionTest, AProjectionChangeReplacesTheModelAndThePanelsFollowIt) {
    click(on_screen(kKazakhstan));
    frame({key(Key::Character, 'p')});
    EXPECT_TRUE(session.ui().busy);
    // The new projection is built on a worker: at most 30 s of real time.
    for (int i = 0; i < 3000 && session.ui().busy; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        frame();
    }
    EXPECT_FALSE(session.ui().busy);
    EXPECT_NE(session.state().projection, "albers");
    EXPECT_EQ(session.model()->projection->info().id, session.state().projection);
    // The panels read the new model, not the one it replaced.
    EXPECT_EQ(session.ui().features, &session.model()->features);
    EXPECT_EQ(session.ui().world, session.model()->world.get());
    EXPECT_TRUE(session.take_new_model());
    // The view's centre stays where it was on the ground: Kazakhstan is still selected and in view.
    EXPECT_EQ(session.state().selected, "KAZ");
}


// A measurement: M, two clicks; the distance is written on the line and the next click on the map
// selects again (measure mode ends); Esc clears the line.
TEST_F(SessionTest, AMeasurementEndsMeasureModeAndWritesTheDistanceOnTheLine) {
    frame({key(Key::Character, 'm')});
    ASSERT_TRUE(session.ui().measuring);
    click(on_screen(kKazakhstan));
    click(on_screen(kUzbekistan));
    EXPECT_FALSE(session.ui().measuring) << "still measuring after the second point";
    EXPECT_EQ(session.ui().measure_px.size(), 2u);
    EXPECT_NE(session.ui().measure_label.find(" km"), std::string::npos) << session.ui().measure_label;
    click(on_screen(kKazakhstan));
    for (int i = 0; i < 3; ++i) frame();
    EXPECT_EQ(session.state().selected, "KAZ") << "the click after a measurement did not select";
    EXPECT_EQ(session.ui().measure_points.size(), 2u) << "the measured line is still shown";
    frame({key(Key::Escape)});
    EXPECT_TRUE(session.ui().measure_points.empty());
}

// Presenting on a 720-line projector, every scene's caption is whole: the type is sized for the
// screen (28 px on 1080 lines, two thirds of that here), not set at 1080-line sizes and cut with
// an ellipsis (scene 8 lost the 2012 exercises).
TEST_F(SessionTest, APresentationAt720LinesCutsNoCaption) {
    viewport.fb_width = viewport.width = 1280;
    viewport.fb_height = viewport.height = 720;
    frame({key(Key::F5)});
    ASSERT_TRUE(session.presenting());
    for (size_t i = 0; i < session.scenes()->size(); ++i) {
        for (int k = 0; k < 3; ++k) frame();
        const Frame* f = session.frame();
        ASSERT_TRUE(f);
        ASSERT_FALSE(f->panel_labels.empty());
        for (const auto& l : f->panel_labels)
            EXPECT_EQ(l.text.find("\u2026"), std::string::npos) << "scene " << i + 1 << " cut: " << l.text;
        frame({key(Key::PageDown)});
    }
}

// The presentation's legend is of the scene's day from its first frame: jumping from 2012 to the
// last scene (1 January 2026) showed "On 1 January 2026" over 2012's classes ("SCO observer"),
// and kept them, the frame being rebuilt only when the view changed.
TEST_F(SessionTest, ThePresentationsLegendIsOfTheScenesDay) {
    SessionOptions o = options();
    o.present = int(session.scenes()->size());  // --present 10
    Session last(o, [](const std::string& text) { return 0.5 * double(text.size()); });
    viewport.fb_width = viewport.width = 1920;
    viewport.fb_height = viewport.height = 1080;
    last.set_viewport(viewport);
    last.start(MapModel::load(ATLAS_TEST_DATA_DIR, "albers"));
    for (int k = 0; k < 3; ++k) {
        last.set_viewport(viewport);
        InputEvent p = event(InputEvent::Kind::Pointer, Vec2{std::nan(""), std::nan("")});
        last.input(p);
        last.update(now += kSecond / 60);
    }
    ASSERT_TRUE(last.presenting());
    const Frame* f = last.frame();
    ASSERT_TRUE(f);
    ASSERT_EQ(last.state().date, last.scenes()->back().date);
    const MapModel& m = *last.model();
    const auto expected = legend(overlay_on(*m.facts, *m.world, last.state().date),
                                 m.countries_in(last.state().camera.visible(), last.state().date), OverlayStyle{});
    ASSERT_FALSE(expected.empty());
    const auto shown = [&](const std::string& text) {
        return std::any_of(f->panel_labels.begin(), f->panel_labels.end(), [&](const FrameLabel& l) { return l.text == text; });
    };
    for (const auto& e : expected) EXPECT_TRUE(shown(e.label)) << e.label << " is not in the legend";
    EXPECT_FALSE(shown("SCO observer")) << "a class of 2012 in the legend of 2026";
}

// In the presentation a legend names the classes and the marks in view, above the caption (L hides
// and shows it); leaving it gives the map back as the user had it: the scenes set their own layers,
// selection, day and view, and Esc restores all four (the view by a flight).
TEST_F(SessionTest, ThePresentationHasALegendAndLeavingItGivesBackTheUsersMap) {
    // The user's own map: memberships off, Uzbekistan selected, a day of 2005, a view of their own.
    session.state().layers.memberships = false;
    session.state().layers.places = false;
    session.ui().request_date = Date{2005, 3, 1};
    session.ui().request_select = std::string("UZB");
    frame();
    for (int k = 0; k < 120; ++k) frame();  // the selection's flight
    ASSERT_FALSE(session.flying());
    const AppState before = session.state();
    ASSERT_EQ(before.selected, "UZB");

    frame({key(Key::F5)});
    ASSERT_TRUE(session.presenting());
    // The Kant scene: memberships and places on, its symbols in view.
    size_t kant = 0;
    while (kant < session.scenes()->size() && (*session.scenes())[kant].id != "kant") ++kant;
    ASSERT_LT(kant, session.scenes()->size());
    for (char c : std::to_string(kant + 1)) frame({key(Key::Character, c)});
    frame({key(Key::Return)});
    for (int k = 0; k < 150; ++k) frame();
    ASSERT_FALSE(session.flying());
    auto labels = [&] {
        std::vector<std::string> out;
        for (const auto& l : session.frame()->panel_labels) out.push_back(l.text);
        return out;
    };
    auto has = [&](const std::string& text) {
        const auto all = labels();
        return std::find(all.begin(), all.end(), text) != all.end();
    };
    EXPECT_TRUE(has("Symbols"));
    EXPECT_TRUE(has("the Kant airbase (Kyrgyzstan)"));
    EXPECT_TRUE(has("On " + session.state().date.text()));
    ASSERT_FALSE(session.frame()->panel_symbols.empty());
    const double band_top = viewport.fb_height - session.frame()->covered_bottom_px;
    for (const auto& m : session.frame()->panel_symbols) EXPECT_LT(m.centre_px.y, band_top);
    frame({key(Key::Character, 'l')});
    EXPECT_FALSE(has("Symbols"));
    EXPECT_TRUE(session.frame()->panel_symbols.empty());
    frame({key(Key::Character, 'l')});
    EXPECT_TRUE(has("Symbols"));

    frame({key(Key::Escape)});
    ASSERT_FALSE(session.presenting());
    EXPECT_EQ(session.state().layers, before.layers);
    EXPECT_EQ(session.state().selected, "UZB");
    EXPECT_EQ(session.state().date, before.date);
    for (int k = 0; k < 150; ++k) frame();
    EXPECT_NEAR(session.state().camera.centre.x, before.camera.centre.x, 1.0);
    EXPECT_NEAR(session.state().camera.centre.y, before.camera.centre.y, 1.0);
    EXPECT_NEAR(session.state().camera.metres_per_px / before.camera.metres_per_px, 1.0, 1e-6);
}

// The quiz (--quiz, Q): a round of the seed's questions, each answered by a click on the map and
// judged at once; the answer is then shown (the right countries outlined on the question's day, or
// the circle around the place); Space asks the next; the score and the missed questions at the
// end; Escape gives the map back as it was. The memberships and the places are hidden while a
// question is asked.
// In the presentation the quiz is the class's: each question in the caption as it is asked aloud,
// with nothing on the map that answers it; R or the clicker's next key shows the answer (on its
// day, in view above the caption, taught by its passage), the next key moves on, the previous one
// asks the question before again, and the end goes back to the scene as it is presented.
TEST_F(SessionTest, TheClassQuizAsksInTheCaptionAndTheTeacherShowsTheAnswer) {
    SessionOptions o = options();
    o.present = 1;
    o.quiz = true;
    o.quiz_seed = 42;
    Session s(o, [](const std::string& text) { return 0.5 * double(text.size()); });
    s.set_viewport(viewport);
    s.start(MapModel::load(ATLAS_TEST_DATA_DIR, "albers"));
    auto step = [&](const std::vector<InputEvent>& events = {}) {
        for (const InputEvent& e : events) s.input(e);
        s.set_viewport(viewport);
        s.update(now);
        now += kSecond / 60;
    };
    const UiState::QuizView& v = s.ui().quiz;
    for (int k = 0; k < 10 && !v.on; ++k) step();
    ASSERT_TRUE(v.on);
    ASSERT_TRUE(s.presenting());
    const AppState scene = s.state();  // the first scene, as presented
    const MapModel& m = *s.model();
    const QuizRound round = make_round(*m.facts, *m.world, *m.article, 42);
    ASSERT_EQ(v.count, 10);
    // The caption's text, its lines joined.
    auto caption = [&] {
        std::string all;
        for (const auto& l : s.frame()->panel_labels) all += (all.empty() ? "" : " ") + l.text;
        return all;
    };
    // Whether the answer is on the screen above the caption: the place, or a right country's
    // label anchor.
    auto in_view = [&](const Question& q) {
        const double band_top = viewport.fb_height - s.frame()->covered_bottom_px;
        auto on = [&](Vec2 map) {
            const Vec2 p = s.state().camera.to_screen(map);
            return p.x >= 0 && p.x <= viewport.fb_width && p.y >= 0 && p.y <= band_top;
        };
        if (q.form == AnswerForm::Point) return on(m.projection->forward(q.point));
        for (const auto& iso : q.countries)
            if (on(m.projected.label_poles[size_t(m.world->country_index(iso))].point)) return true;
        // ... or a part of one, every 20 pixels.
        for (double y = 10; y < band_top; y += 20)
            for (double x = 10; x < viewport.fb_width; x += 20) {
                const int c = m.country_at(s.state().camera.to_map({x, y}), s.state().date);
                if (c >= 0 && std::count(q.countries.begin(), q.countries.end(), m.world->countries[size_t(c)].iso_a3))
                    return true;
            }
        return false;
    };
    int flown = 0;
    for (size_t i = 0; i < round.questions.size(); ++i) {
        const Question& q = round.questions[i];
        ASSERT_EQ(v.number, int(i) + 1);
        EXPECT_EQ(v.question, q.aloud);
        EXPECT_NE(caption().find(q.aloud), std::string::npos) << caption();
        EXPECT_FALSE(v.answered);
        EXPECT_FALSE(s.state().layers.memberships) << "the colours would answer " << q.aloud;
        EXPECT_FALSE(s.state().layers.places) << "the symbols would answer " << q.aloud;
        EXPECT_FALSE(s.state().layers.northern_border) << "its lengths would answer " << q.aloud;
        EXPECT_TRUE(s.state().selected.empty());
        if (i == 3) {  // the clicker's previous key: the question before, asked again
            step({key(Key::PageUp)});
            EXPECT_EQ(v.number, 3);
            EXPECT_FALSE(v.answered);
            step({key(Key::PageDown)});  // shows its answer
            EXPECT_TRUE(v.answered);
            step({key(Key::PageDown)});
            ASSERT_EQ(v.number, 4);
        }
        const bool was_in_view = in_view(q);
        step({i % 2 ? key(Key::Character, 'r') : key(Key::PageDown)});
        ASSERT_TRUE(v.answered) << q.aloud;
        EXPECT_TRUE(s.state().layers.memberships);
        if (q.day) {
            EXPECT_EQ(s.state().date, *q.day);
        }
        if (q.form == AnswerForm::Country) {
            std::vector<std::string> shown = s.state().selected_members;
            shown.push_back(s.state().selected);
            EXPECT_EQ(std::set<std::string>(shown.begin(), shown.end()),
                      std::set<std::string>(q.countries.begin(), q.countries.end()));
        } else {
            EXPECT_EQ(s.state().selected, q.facts.front());
        }
        const std::string shown = caption();
        EXPECT_NE(shown.find(q.answer.substr(0, q.answer.find(','))), std::string::npos) << shown;
        if (!q.passage.empty()) {
            EXPECT_NE(shown.find(m.article->passage(q.passage)->text.substr(0, 30)), std::string::npos) << shown;
        }
        for (int k = 0; k < 90; ++k) step();
        EXPECT_TRUE(in_view(q)) << q.aloud << ": the answer is not brought into view";
        flown += !was_in_view;
        step({key(Key::PageDown)});
    }
    EXPECT_GT(flown, 0) << "no answer of the round was out of the scene's view: the flight is not tested";
    EXPECT_TRUE(v.finished);
    EXPECT_NE(caption().find("--quiz-seed 42"), std::string::npos) << caption();
    step({key(Key::PageDown)});
    EXPECT_FALSE(v.on);
    EXPECT_TRUE(s.presenting()) << "the quiz's end goes back to the presentation, not out of it";
    for (int k = 0; k < 120; ++k) step();
    EXPECT_EQ(s.state().layers, scene.layers);
    EXPECT_EQ(s.state().date, scene.date);
    EXPECT_NEAR(s.state().camera.centre.x, scene.camera.centre.x, 1.0);
    EXPECT_NEAR(s.state().camera.centre.y, scene.camera.centre.y, 1.0);
    EXPECT_EQ(caption().find("Quiz"), std::string::npos) << "the scene's caption again: " << caption();
    // Q starts it again; Escape ends it (and not the presentation).
    step({key(Key::Character, 'q')});
    for (int k = 0; k < 3 && !v.on; ++k) step();
    EXPECT_TRUE(v.on);
    step({key(Key::Escape)});
    EXPECT_FALSE(v.on);
    EXPECT_TRUE(s.presenting());
}

TEST_F(SessionTest, AQuizRoundIsAnsweredByClicksOnTheMapAndScored) {
    SessionOptions o = options();
    o.quiz = true;
    o.quiz_seed = 42;
    Session quiz(o, [](const std::string& text) { return 0.5 * double(text.size()); });
    quiz.set_viewport(viewport);
    quiz.start(MapModel::load(ATLAS_TEST_DATA_DIR, "albers"));
    auto step = [&](const std::vector<InputEvent>& events = {}) {
        for (const InputEvent& e : events) quiz.input(e);
        quiz.set_viewport(viewport);
        quiz.input(event(InputEvent::Kind::Pointer, {std::nan(""), std::nan("")}));
        quiz.update(now);
        now += kSecond / 60;
    };
    auto cam_px = [](const Session& s, Vec2 map) { return s.state().camera.to_screen(map); };
    auto click_at = [&](Vec2 px) { step({event(InputEvent::Kind::Press, px), event(InputEvent::Kind::Release, px)}); };
    const Layers before = quiz.state().layers;
    quiz.ui().map_area = {0, 0, float(viewport.width), float(viewport.height)};  // as the panels leave it
    step();
    step();  // the start's view framed, the round begins
    const Vec2 centre = quiz.state().camera.centre;
    const MapModel& m = *quiz.model();
    const QuizRound round = make_round(*m.facts, *m.world, *m.article, 42);
    const UiState::QuizView& v = quiz.ui().quiz;
    ASSERT_TRUE(v.on);
    EXPECT_EQ(v.seed, 42u);
    ASSERT_EQ(v.count, 10);
    // A click that answers question i right, or wrong: inside a right country (its label's anchor)
    // or another; at the place, or 5 degrees of latitude (about 550 km) north of it.
    auto answer = [&](size_t i, bool right) {
        const Question& q = round.questions[i];
        const Camera& cam = quiz.state().camera;
        if (q.form == AnswerForm::Point) {
            const Vec2 ll{q.point.x, q.point.y + (right ? 0.0 : 5.0)};
            click_at(cam.to_screen(m.projection->forward(ll)));
            return;
        }
        for (size_t c = 0; c < m.world->countries.size(); ++c) {
            const bool in = std::count(q.countries.begin(), q.countries.end(), m.world->countries[c].iso_a3) > 0;
            if (in == right) {
                click_at(cam.to_screen(m.projected.label_poles[c].point));
                return;
            }
        }
        FAIL() << "no country to click for " << q.text;
    };
    for (size_t i = 0; i < round.questions.size(); ++i) {
        const Question& q = round.questions[i];
        ASSERT_EQ(v.number, int(i) + 1);
        ASSERT_EQ(v.question, q.text);
        EXPECT_FALSE(v.answered);
        EXPECT_FALSE(quiz.state().layers.memberships) << "the overlays would answer " << q.text;
        EXPECT_FALSE(quiz.state().layers.places) << "the symbols would answer " << q.text;
        EXPECT_FALSE(quiz.state().layers.northern_border) << "its lengths would answer " << q.text;
        EXPECT_EQ(quiz.state().date, kArticleDate) << "the user's day while it is asked";
        // Nor does the tooltip give a standing away (a country and its standing on the day, else).
        EXPECT_EQ(quiz.describe(cam_px(quiz, m.projected.label_poles[size_t(m.world->country_index("KAZ"))].point)).size(), 1u);
        const bool right = i != 1;  // the second one is answered wrong
        answer(i, right);
        ASSERT_TRUE(v.answered) << q.text;
        if (q.day) {
            EXPECT_EQ(quiz.state().date, *q.day);
        }
        EXPECT_EQ(v.right, right) << q.text << ": " << v.verdict;
        EXPECT_TRUE(quiz.state().layers.memberships);
        EXPECT_FALSE(v.quote.empty() && !q.passage.empty());
        if (q.form == AnswerForm::Country) {
            std::vector<std::string> shown = quiz.state().selected_members;
            shown.push_back(quiz.state().selected);
            EXPECT_EQ(std::set<std::string>(shown.begin(), shown.end()),
                      std::set<std::string>(q.countries.begin(), q.countries.end()))
                << q.text;
        } else {
            EXPECT_EQ(quiz.state().selected, q.facts.front());
            ASSERT_EQ(v.marks_px.size(), 2u);
            EXPECT_GT(v.circle_px, 1.0f);
            // A place out of view is flown to (Chisinau from the region's view).
            for (int k = 0; k < 90; ++k) step();
            const Vec2 at = quiz.state().camera.to_screen(m.projection->forward(q.point));
            EXPECT_TRUE(at.x >= 0 && at.x <= viewport.width && at.y >= 0 && at.y <= viewport.height)
                << q.text << " at " << at.x << "," << at.y;
        }
        // A second click does not answer again.
        const int score = v.score;
        answer(i, !right);
        EXPECT_EQ(v.score, score);
        step({key(Key::Character, ' ')});
    }
    EXPECT_TRUE(v.finished);
    EXPECT_EQ(v.score, 9);
    ASSERT_EQ(v.missed.size(), 1u);
    EXPECT_EQ(v.missed[0].rfind("2. " + round.questions[1].text, 0), 0u) << v.missed[0];
    step({key(Key::Escape)});
    EXPECT_FALSE(v.on);
    EXPECT_EQ(quiz.state().layers, before);
    EXPECT_EQ(quiz.state().date, kArticleDate);
    EXPECT_TRUE(quiz.state().selected.empty());
    EXPECT_NEAR(quiz.state().camera.centre.x, centre.x, 1.0);  // metres: the view the quiz began on
    EXPECT_NEAR(quiz.state().camera.centre.y, centre.y, 1.0);
}

}  // namespace
}  // namespace atlas

namespace atlas {
namespace {

// A file dropped on the window is read on a worker while the map stays live, then drawn in its
// colour, described under the pointer, hidden and shown from the panel, and closed; a file that
// cannot be drawn is said in the panel and changes nothing.
TEST_F(SessionTest, ADroppedLayerIsDrawnHoveredHiddenAndClosed) {
    const std::string dir = std::filesystem::temp_directory_path() / ("ca-atlas-session-layer-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/stops.geojson";
    std::ofstream(path) << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Field camp","season":"spring"},"geometry":{"type":"Point","coordinates":[66,47]}},
{"type":"Feature","properties":{"name":"Survey line"},"geometry":{"type":"LineString","coordinates":[[60,40],[61,40]]}}]})";
    InputEvent drop = event(InputEvent::Kind::Drop);
    drop.text = path;
    frame({drop});
    for (int i = 0; i < 600 && session.animating() && session.model()->user_layers.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        frame();
    }
    ASSERT_EQ(session.model()->user_layers.size(), 1u) << (session.ui().errors.empty() ? "" : session.ui().errors.back());
    ASSERT_EQ(session.ui().user_layers.size(), 1u);
    EXPECT_EQ(session.ui().user_layers[0].name, "stops.geojson");
    EXPECT_EQ(session.ui().user_layers[0].features, 2u);
    EXPECT_EQ(session.ui().user_layers[0].label_field, "name");
    // Drawn: the layer listed in the frame, its point a symbol, its name a label.
    auto drawn = [&] {
        const Frame& f = *session.frame();
        return std::count_if(f.symbols.begin(), f.symbols.end(), [](const FrameSymbol& s) { return s.layer == MapLayer::User; }) > 0 &&
               std::any_of(f.labels.begin(), f.labels.end(), [](const FrameLabel& l) { return l.text == "Field camp"; });
    };
    EXPECT_TRUE(drawn());
    // The legend keys it by its file's name (its point and its line are in view), not its dot as
    // one of the article's marks.
    ASSERT_EQ(session.ui().user_layer_keys.size(), 1u);
    EXPECT_EQ(session.ui().user_layer_keys[0].name, "stops.geojson");
    EXPECT_TRUE(session.ui().user_layer_keys[0].points && session.ui().user_layer_keys[0].lines);
    EXPECT_FALSE(session.ui().user_layer_keys[0].polygons);
    // Hovered: its attributes in the tooltip.
    const Vec2 camp = on_screen({66, 47});
    frame({}, camp);
    EXPECT_EQ(session.ui().hover, (std::vector<std::string>{"Field camp (stops.geojson)", "name: Field camp", "season: spring"}));
    // And its line, a pixel beside it.
    frame({}, on_screen({60.5, 40}) + Vec2{0, 1});
    ASSERT_FALSE(session.ui().hover.empty());
    EXPECT_EQ(session.ui().hover.front(), "Survey line (stops.geojson)");
    // Relabelled from the panel by another field, then hidden and shown again.
    session.ui().layer_requests.label_of = session.ui().user_layers[0].id;
    session.ui().layer_requests.label_field = "season";
    session.ui().layer_requests.label = true;
    frame();
    const Frame& relabelled = *session.frame();
    EXPECT_TRUE(std::any_of(relabelled.labels.begin(), relabelled.labels.end(), [](const FrameLabel& l) { return l.text == "spring"; }));
    session.ui().layer_requests.toggle = session.ui().user_layers[0].id;
    frame();
    EXPECT_TRUE(session.frame()->user_layers.empty());
    EXPECT_TRUE(session.ui().user_layer_keys.empty());
    session.ui().layer_requests.toggle = session.ui().user_layers[0].id;
    frame();
    EXPECT_EQ(session.frame()->user_layers.size(), 1u);
    // A projection change keeps it, reprojected.
    session.ui().request_projection = "mercator";
    for (int i = 0; i < 2000 && session.state().projection != "mercator"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        frame();
    }
    ASSERT_EQ(session.state().projection, "mercator");
    frame({}, on_screen({66, 47}));
    ASSERT_FALSE(session.ui().hover.empty());
    EXPECT_EQ(session.ui().hover.front(), "spring (stops.geojson)");
    // A broken file: the error in the panel, the layer as it was.
    std::ofstream(dir + "/broken.kml") << "<kml";
    session.ui().layer_requests.path = dir + "/broken.kml";
    session.ui().layer_requests.open = true;
    frame();
    for (int i = 0; i < 600 && session.animating() && session.ui().layer_requests.error.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        frame();
    }
    EXPECT_NE(session.ui().layer_requests.error.find("broken.kml': not a vector file"), std::string::npos)
        << session.ui().layer_requests.error;
    EXPECT_EQ(session.model()->user_layers.size(), 1u);
    // Closed.
    session.ui().layer_requests.remove = session.ui().user_layers[0].id;
    frame();
    EXPECT_TRUE(session.ui().user_layers.empty());
    EXPECT_TRUE(session.frame()->user_layers.empty());
    std::filesystem::remove_all(dir);
}

// A tour scene saved with a layer labelled by another field shows it so: read with that field when
// the presentation reaches it, and given that field back on coming to it again after the panel
// changed it.
TEST_F(SessionTest, ASceneShowsItsLayerLabelledAsItWasSaved) {
    const std::string dir = std::filesystem::temp_directory_path() / ("ca-atlas-session-scene-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string layer = dir + "/stops.geojson";
    std::ofstream(layer) << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Field camp","season":"spring"},"geometry":{"type":"Point","coordinates":[66,47]}}]})";
    std::vector<DataProblem> problems;
    std::vector<Scene> scenes = load_tour(ATLAS_TEST_DATA_DIR, problems);
    ASSERT_GE(scenes.size(), 2u);
    scenes[0].user_layers = {layer + "?label=season"};
    const std::string tour = dir + "/tour.csv";
    save_tour(tour, scenes);
    SessionOptions o = options();
    o.data.tour = tour;
    Session s(o, [](const std::string& text) { return 0.5 * double(text.size()); });
    s.set_viewport(viewport);
    s.start(MapModel::load(ATLAS_TEST_DATA_DIR, "albers", std::nullopt, tour));
    const auto step = [&](const std::vector<InputEvent>& events = {}) {
        for (const InputEvent& e : events) s.input(e);
        s.set_viewport(viewport);
        s.update(now += kSecond / 60);
    };
    const auto label_field = [&] {
        return s.model()->user_layers.empty() ? std::string("(not open)") : s.model()->user_layers[0]->label_field;
    };
    step({key(Key::F5)});
    ASSERT_TRUE(s.presenting());
    for (int i = 0; i < 600 && s.model()->user_layers.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        step();
    }
    EXPECT_EQ(label_field(), "season") << (s.ui().errors.empty() ? "" : s.ui().errors.back());
    // Labelled by its name from the panel, then to the next scene and back.
    s.ui().layer_requests.label_of = s.model()->user_layers[0]->id;
    s.ui().layer_requests.label_field = "name";
    s.ui().layer_requests.label = true;
    step();
    ASSERT_EQ(label_field(), "name");
    step({key(Key::Right)});
    for (int k = 0; k < 10; ++k) step();
    step({key(Key::Left)});
    for (int k = 0; k < 10; ++k) step();
    EXPECT_EQ(label_field(), "season");
    ASSERT_EQ(s.ui().user_layers.size(), 1u);
    EXPECT_EQ(s.ui().user_layers[0].label_field, "season");  // the panel lists it so too
    std::filesystem::remove_all(dir);
}

// A user's dot is no place of the article: selecting a place rings that place alone (not the
// user's feature of the same number), and a click on a user's dot numbered past the places
// selects the country under it.
TEST_F(SessionTest, AUsersDotIsNeitherRingedNorSelectedAsAPlace) {
    const std::string dir = std::filesystem::temp_directory_path() / ("ca-atlas-session-dots-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const size_t places = session.model()->features.places.size();
    ASSERT_GT(places, 0u);
    // More points than the article has places, on a line across central Kazakhstan.
    std::string features;
    const size_t n = places + 30;
    for (size_t k = 0; k < n; ++k)
        features += std::string(k ? "," : "") + R"({"type":"Feature","properties":{"n":")" + std::to_string(k) +
                    R"("},"geometry":{"type":"Point","coordinates":[)" + std::to_string(60.0 + 14.0 * double(k) / double(n)) +
                    ",48]}}";
    std::ofstream(dir + "/dots.geojson") << R"({"type":"FeatureCollection","features":[)" + features + "]}";
    session.ui().layer_requests.path = dir + "/dots.geojson";
    session.ui().layer_requests.open = true;
    frame();
    for (int i = 0; i < 600 && session.model()->user_layers.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        frame();
    }
    ASSERT_EQ(session.model()->user_layers.size(), 1u) << (session.ui().errors.empty() ? "" : session.ui().errors.back());
    // Every place selected in turn (the view stays: each ring is counted where it is drawn).
    for (size_t p = 0; p < places; ++p) {
        session.state().selected = session.model()->features.places[p].place->id;
        frame();
        for (const FrameSymbol& s : session.frame()->symbols)
            if (s.layer == MapLayer::Selection) {
                EXPECT_EQ(s.place, int(p)) << session.state().selected;
                EXPECT_TRUE(std::any_of(session.frame()->symbols.begin(), session.frame()->symbols.end(),
                                        [&](const FrameSymbol& o) {
                                            return o.layer == MapLayer::Places && o.centre_px.x == s.centre_px.x &&
                                                   o.centre_px.y == s.centre_px.y;
                                        }))
                    << "a ring round no place of " << session.state().selected;
            }
    }
    session.state().selected.clear();
    frame();
    const size_t last = n - 5;
    click(on_screen({60.0 + 14.0 * double(last) / double(n), 48}));
    EXPECT_EQ(session.state().selected, "KAZ");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace atlas
