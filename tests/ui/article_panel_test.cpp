// The article panel driven through real Dear ImGui frames with synthetic input (no window, no GL:
// ImGui lays out and hit-tests without drawing): selecting any entity lists exactly its passages,
// every link in the text selects its entity (and the map has a place to fly to), search finds
// every occurrence, and Quote copies the author's words with the citation.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "geo/model.hpp"
#include "support/imgui_context.hpp"
#include "support/paths.hpp"
#include "ui/panel.hpp"

namespace atlas {
namespace {

class ArticlePanel : public ::testing::Test {
protected:
    static inline std::unique_ptr<MapModel> model_;
    static inline std::string clipboard_;
    UiState ui;
    AppState state;
    static constexpr float kWidth = 1400, kHeight = 4000;  // tall: a passage brought into view is whole

    static void SetUpTestSuite() { model_ = MapModel::load(test::data_dir(), "albers"); }
    static void TearDownTestSuite() { model_.reset(); }

    void SetUp() override {
        ImGuiIO& io = test::start_imgui(kWidth, kHeight);
        io.SetClipboardTextFn = [](void*, const char* text) { clipboard_ = text; };
        io.GetClipboardTextFn = [](void*) { return clipboard_.c_str(); };
        ui.facts = model_->facts.get();
        ui.world = model_->world.get();
        ui.article = model_->article.get();
    }
    void TearDown() override { ImGui::DestroyContext(); }

    void frame() {
        ImGui::NewFrame();
        draw_article(state, ui, kWidth, kHeight);
        ImGui::Render();
    }
    // A click: the pointer moves there, the button goes down, then up.
    void click(float x, float y) { test::click_at(ImVec2(x, y), [&] { frame(); }); }
    void bring_into_view(int passage) {
        ui.scroll_to = passage;
        frame();
        frame();
    }
};

TEST_F(ArticlePanel, SelectingAnEntityListsExactlyItsPassagesInOrder) {
    const Facts& f = *model_->facts;
    std::vector<std::string> ids;
    for (const auto& o : f.organisations) ids.push_back(o.id);
    for (const auto& p : f.places) ids.push_back(p.id);
    for (const auto& r : f.regions) ids.push_back(r.id);
    for (const auto& a : f.aliases)
        if (std::find(ids.begin(), ids.end(), a.entity) == ids.end()) ids.push_back(a.entity);
    ASSERT_GT(ids.size(), 50u);
    for (const auto& id : ids) {
        state.selected = id;
        frame();
        std::vector<std::string> expected;
        for (const auto& p : model_->article->passages)
            for (const auto& l : f.links)
                if (l.entity == id && l.passage == p.id) expected.push_back(p.id);
        EXPECT_EQ(ui.entity_passages, expected) << id;
        EXPECT_FALSE(expected.empty()) << id << " has no passage";
        // Next steps through them and wraps round.
        if (expected.size() > 1) {
            EXPECT_EQ(ui.entity_passage, 0);
        }
    }
}

TEST_F(ArticlePanel, FollowingEveryLinkSelectsItsEntityAndTheMapCanGoThere) {
    size_t followed = 0, mentions = 0;
    const Article& a = *model_->article;
    for (size_t i = 0; i < a.passages.size(); ++i) {
        mentions += model_->facts->mentions(a.passages[i].text).size();
        bring_into_view(int(i));
        std::vector<UiState::Spot> links;
        for (const auto& s : ui.spots)
            if (s.passage == a.passages[i].id && !s.entity.empty()) links.push_back(s);
        for (const auto& s : links) {
            ui.request_select.reset();
            click((s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2);
            ASSERT_TRUE(ui.request_select) << a.passages[i].id << ": the link to " << s.entity << " did nothing";
            EXPECT_EQ(*ui.request_select, s.entity) << a.passages[i].id;
            EXPECT_FALSE(model_->bounds_of(s.entity, state.date).empty()) << "nowhere to fly for " << s.entity;
            ++followed;
        }
    }
    // A mention of several words is a link on each word: at least one click per mention.
    EXPECT_GE(followed, mentions);
    EXPECT_GT(mentions, 150u);
}

TEST_F(ArticlePanel, SearchFindsEveryOccurrenceOfAWord) {
    frame();
    const auto& box = ui.search_box;
    click((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2);
    ImGui::GetIO().AddInputCharactersUTF8("Afghan");
    frame();
    frame();
    // Counted here independently: every case-insensitive occurrence in every passage.
    size_t expected = 0;
    for (const auto& p : model_->article->passages) {
        std::string t = p.text;
        std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        for (size_t at = t.find("afghan"); at != std::string::npos; at = t.find("afghan", at + 1)) ++expected;
    }
    EXPECT_EQ(ui.article_search, "Afghan");
    EXPECT_EQ(ui.article_hits.size(), expected);
    EXPECT_GT(expected, 30u);
    for (const auto& h : ui.article_hits) {
        const std::string& text = model_->article->passages[size_t(h.passage)].text;
        std::string found = text.substr(h.begin, h.end - h.begin);
        std::transform(found.begin(), found.end(), found.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        EXPECT_EQ(found, "afghan");
    }
}

TEST_F(ArticlePanel, QuoteCopiesTheAuthorsWordsWithTheCitation) {
    const Article& a = *model_->article;
    for (const char* id : {"integration-6", "afghanistan-19", "conclusion-4"}) {
        const int i = a.index_of(id);
        ASSERT_GE(i, 0);
        bring_into_view(i);
        const auto quote = std::find_if(ui.spots.begin(), ui.spots.end(),
                                        [&](const UiState::Spot& s) { return s.passage == id && s.entity.empty(); });
        ASSERT_NE(quote, ui.spots.end());
        clipboard_.clear();
        click((quote->x0 + quote->x1) / 2, (quote->y0 + quote->y1) / 2);
        const std::string expected =
            "\u201c" + a.passages[size_t(i)].text + "\u201d (" + place_in_article(a, a.passages[size_t(i)]) + ") " + a.citation;
        EXPECT_EQ(clipboard_, expected);
        EXPECT_EQ(clipboard_.find(id), std::string::npos) << "the data's passage id is in a student's quotation";
        EXPECT_NE(clipboard_.find(", paragraph "), std::string::npos) << clipboard_;
        // Said where the click was: the quotation was copied.
        frame();
        EXPECT_EQ(ui.copied_passage, id);
    }
}


// A link followed in the passage being read keeps the reader there: that passage becomes the
// selection's current one and the article does not jump to the entity's first passage.
TEST_F(ArticlePanel, ALinkFollowedKeepsTheReaderInThePassage) {
    const Article& a = *model_->article;
    const int i = a.index_of("integration-22");
    ASSERT_GE(i, 0);
    bring_into_view(i);
    const auto link = std::find_if(ui.spots.begin(), ui.spots.end(), [&](const UiState::Spot& s) {
        return s.passage == "integration-22" && !s.entity.empty() &&
               model_->facts->links_of(s.entity, a).size() > 1 &&
               model_->facts->links_of(s.entity, a).front()->passage != "integration-22";
    });
    ASSERT_NE(link, ui.spots.end()) << "no link in integration-22 to an entity first mentioned elsewhere";
    click((link->x0 + link->x1) / 2, (link->y0 + link->y1) / 2);
    ASSERT_TRUE(ui.request_select);
    state.selected = *ui.request_select;  // the session answers the request
    frame();
    EXPECT_EQ(ui.scroll_to, -1) << "the article jumped to passage " << ui.scroll_to;
    ASSERT_FALSE(ui.entity_passages.empty());
    EXPECT_EQ(ui.entity_passages[size_t(ui.entity_passage)], "integration-22");
}

// A larger article text is drawn in a font rasterised at that size, not the panels' font
// stretched: at 1.5x, with a font built at 1.5x, the passages' glyphs are that font's and the
// text is not scaled; a new size asks the window for its font.
TEST_F(ArticlePanel, ALargerTextIsDrawnInAFontOfItsSize) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.SizePixels = 1.5f * io.Fonts->Fonts[0]->FontSize;
    ImFont* big = io.Fonts->AddFontDefault(&config);
    io.Fonts->ClearTexData();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // built again with the large font
    ui.article_scale = 1.5f;
    ui.article_font = big;
    ui.article_font_scale = 1.5f;
    frame();
    frame();
    EXPECT_EQ(ui.article_font_wanted, 1.5f);
    const ImGuiWindow* text = nullptr;
    for (const ImGuiWindow* win : ImGui::GetCurrentContext()->Windows)
        if (std::string_view(win->Name).starts_with("Article/text")) text = win;
    ASSERT_TRUE(text) << "no text child in the article window";
    EXPECT_EQ(text->FontWindowScale, 1.0f) << "the text is a scaled font";
    // The passages' glyphs come from the large font's part of the atlas.
    const ImFontGlyph* e = big->FindGlyphNoFallback('e');
    const ImFontGlyph* small_e = io.Fonts->Fonts[0]->FindGlyphNoFallback('e');
    ASSERT_TRUE(e && small_e);
    int large = 0, small = 0;
    for (const ImDrawVert& v : text->DrawList->VtxBuffer) {
        large += v.uv.x == e->U0 && v.uv.y == e->V0;
        small += v.uv.x == small_e->U0 && v.uv.y == small_e->V0;
    }
    EXPECT_GT(large, 50) << "the passages are not drawn in the large font";
    EXPECT_EQ(small, 0) << "some text in the panels' font";

    // Another size: the panel asks the window for a font of it.
    ui.article_scale = 1.2f;
    frame();
    EXPECT_EQ(ui.article_font_wanted, 1.2f);
}

// A student reads where a passage is ("paragraph 4" under its section's title; "“Conclusion”,
// paragraph 4" in the inspector), not the data's ids ("conclusion-4"), in the article and in
// the inspector's list of the passages that mention the selection.
TEST_F(ArticlePanel, ReadersSeeWhereAPassageIsNotItsId) {
    state.selected = "csto";
    ui.features = &model_->features;
    const auto panels = [&] {
        draw_article(state, ui, kWidth, kHeight);
        draw_inspector(state, ui, kHeight);
    };
    for (int i = 0; i < 2; ++i) {  // the inspector appears, laid out on its first frame
        ImGui::NewFrame();
        panels();
        ImGui::Render();
    }
    // What the panels write, as ImGui's "log to clipboard" copies it (a window's end ends it).
    ImGui::NewFrame();
    clipboard_.clear();
    ImGui::LogToClipboard();
    draw_article(state, ui, kWidth, kHeight);
    const std::string article = clipboard_;
    clipboard_.clear();
    ImGui::LogToClipboard();
    draw_inspector(state, ui, kHeight);
    const std::string inspector = clipboard_;
    ImGui::Render();
    const std::string shown = article + inspector;
    const Article& a = *model_->article;
    for (const auto& p : a.passages) {
        EXPECT_EQ(shown.find(p.id + "\n"), std::string::npos) << p.id << " shown as it is in the data";
        EXPECT_EQ(shown.find(p.id + " "), std::string::npos) << p.id << " shown as it is in the data";
    }
    size_t paragraphs = 0;
    for (size_t at = shown.find("paragraph "); at != std::string::npos; at = shown.find("paragraph ", at + 1)) ++paragraphs;
    EXPECT_GT(paragraphs, 10u) << shown.substr(0, 2000);
    // The inspector's passages: each with its section's title.
    const auto links = model_->facts->links_of("csto", a);
    ASSERT_FALSE(links.empty());
    const Passage* first = a.passage(links.front()->passage);
    ASSERT_TRUE(first);
    EXPECT_NE(inspector.find(place_in_article(a, *first) + "\n"), std::string::npos) << inspector;
}

}  // namespace
}  // namespace atlas
