#include "export/pdf_layers.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>

#include "core/errors.hpp"

namespace atlas {

namespace {

// The "Sect" structure elements under `node`, in the order they were begun (depth first).
void collect_sections(QPDFObjectHandle node, std::vector<QPDFObjectHandle>& out, int depth = 0) {
    if (depth > 64) return;
    if (node.isArray()) {
        for (auto& kid : node.aitems()) collect_sections(kid, out, depth + 1);
        return;
    }
    if (!node.isDictionary()) return;
    if (node.getKey("/S").isNameAndEquals("/Sect")) out.push_back(node);
    collect_sections(node.getKey("/K"), out, depth + 1);
}

// Where an element's marked content is: (page, MCID) pairs, from its /K (an MCID, a marked
// content reference, or an array of them) and its /Pg.
void element_content(QPDFObjectHandle elem, std::vector<std::pair<QPDFObjGen, int>>& out) {
    QPDFObjectHandle page = elem.getKey("/Pg");
    auto add = [&](QPDFObjectHandle k) {
        if (k.isInteger()) {
            out.push_back({page.getObjGen(), k.getIntValueAsInt()});
        } else if (k.isDictionary() && k.getKey("/MCID").isInteger()) {
            QPDFObjectHandle pg = k.hasKey("/Pg") ? k.getKey("/Pg") : page;
            out.push_back({pg.getObjGen(), k.getKey("/MCID").getIntValueAsInt()});
        }
    };
    QPDFObjectHandle k = elem.getKey("/K");
    if (k.isArray()) {
        for (auto& item : k.aitems()) add(item);
    } else {
        add(k);
    }
}

bool pdf_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

// Rewrites each `/Sect << /MCID n >> BDC` of a page's content (as Cairo writes its tagged groups)
// as `/OC /<layer's name> BDC` for the MCIDs in `layer_of`; every other byte stays as it is. A
// scan of the bytes for that one pattern: qpdf's tokenizer, which the same rewrite went through
// before, took most of a PDF slide's time on every number of the map's paths.
std::string sections_to_layers(const std::string& in, const std::map<int, std::string>& layer_of) {
    std::string out;
    out.reserve(in.size());
    size_t copied = 0;
    for (size_t at = in.find("/Sect"); at != std::string::npos; at = in.find("/Sect", at + 1)) {
        if (at > 0 && !pdf_space(in[at - 1]) && in[at - 1] != '>' && in[at - 1] != ']') continue;
        size_t p = at + 5;
        auto skip = [&] {
            while (p < in.size() && pdf_space(in[p])) ++p;
        };
        auto word = [&](const char* w) {
            skip();
            const size_t n = std::strlen(w);
            if (in.compare(p, n, w) != 0) return false;
            p += n;
            return true;
        };
        if (!word("<<") || !word("/MCID")) continue;
        skip();
        const size_t digits = p;
        while (p < in.size() && in[p] >= '0' && in[p] <= '9') ++p;
        if (p == digits || p - digits > 9) continue;
        const int mcid = std::stoi(in.substr(digits, p - digits));
        if (!word(">>") || !word("BDC") || (p < in.size() && !pdf_space(in[p]))) continue;
        const auto layer = layer_of.find(mcid);
        if (layer == layer_of.end()) continue;
        out.append(in, copied, at - copied);
        out += "/OC /" + layer->second + " BDC";
        copied = p;
        at = p - 1;
    }
    out.append(in, copied, std::string::npos);
    return out;
}

}  // namespace

void make_layers(const std::string& path, const std::vector<PdfLayer>& begun) {
    std::shared_ptr<Buffer> rewritten;
    try {
        QPDF pdf;
        pdf.processFile(path.c_str());
        QPDFObjectHandle root = pdf.getRoot();
        std::vector<QPDFObjectHandle> sections;
        collect_sections(root.getKey("/StructTreeRoot").getKey("/K"), sections);
        if (sections.size() != begun.size())
            throw OutputError("cannot write '" + path + "': its map has " + std::to_string(sections.size()) +
                              " marked groups for " + std::to_string(begun.size()) + " layers");

        // One optional content group per layer id, listed by rank (bottom to top).
        std::map<std::string, std::pair<std::string, QPDFObjectHandle>> layer_of;  // id -> resource name, OCG
        std::vector<std::pair<int, QPDFObjectHandle>> order;  // rank, OCG
        std::map<QPDFObjGen, std::map<int, std::string>> names;  // page -> MCID -> resource name
        std::map<QPDFObjGen, std::map<std::string, QPDFObjectHandle>> properties;  // page -> name -> OCG
        for (size_t i = 0; i < begun.size(); ++i) {
            std::vector<std::pair<QPDFObjGen, int>> content;
            element_content(sections[i], content);
            auto [it, added] = layer_of.try_emplace(begun[i].id);
            if (added) {
                QPDFObjectHandle ocg = QPDFObjectHandle::newDictionary();
                ocg.replaceKey("/Type", QPDFObjectHandle::newName("/OCG"));
                ocg.replaceKey("/Name", QPDFObjectHandle::newUnicodeString(begun[i].label));
                it->second = {"ca" + std::to_string(layer_of.size() - 1), pdf.makeIndirectObject(ocg)};
                order.push_back({begun[i].rank, it->second.second});
            }
            const auto& [resource, ocg] = it->second;
            for (const auto& [page, mcid] : content) {
                names[page][mcid] = resource;
                properties[page]["/" + resource] = ocg;
            }
        }

        for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            QPDFObjectHandle obj = page.getObjectHandle();
            obj.removeKey("/StructParents");
            const auto found = names.find(obj.getObjGen());
            if (found == names.end()) continue;
            QPDFObjectHandle resources = obj.getKey("/Resources");
            if (!resources.isDictionary()) {
                resources = QPDFObjectHandle::newDictionary();
                obj.replaceKey("/Resources", resources);
            }
            if (!resources.getKey("/Properties").isDictionary())
                resources.replaceKey("/Properties", QPDFObjectHandle::newDictionary());
            QPDFObjectHandle props = resources.getKey("/Properties");
            for (const auto& [name, ocg] : properties[obj.getObjGen()]) props.replaceKey(name, ocg);
            for (QPDFObjectHandle content : page.getPageContents()) {
                const auto data = content.getStreamData(qpdf_dl_generalized);
                const std::string text(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
                content.replaceStreamData(sections_to_layers(text, found->second), QPDFObjectHandle::newNull(),
                                          QPDFObjectHandle::newNull());
            }
        }

        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        QPDFObjectHandle ocgs = QPDFObjectHandle::newArray();
        for (const auto& [rank, ocg] : order) ocgs.appendItem(ocg);
        QPDFObjectHandle defaults = QPDFObjectHandle::newDictionary();
        defaults.replaceKey("/Name", QPDFObjectHandle::newUnicodeString("ca-atlas"));
        defaults.replaceKey("/Order", ocgs);
        defaults.replaceKey("/ON", ocgs);
        QPDFObjectHandle oc = QPDFObjectHandle::newDictionary();
        oc.replaceKey("/OCGs", ocgs);
        oc.replaceKey("/D", defaults);
        root.replaceKey("/OCProperties", oc);
        root.removeKey("/StructTreeRoot");  // its content is layers now
        root.removeKey("/MarkInfo");

        QPDFWriter writer(pdf);
        writer.setOutputMemory();
        writer.setDeterministicID(true);
        Pl_Flate::setCompressionLevel(1);
        writer.write();
        rewritten = writer.getBufferSharedPointer();
    } catch (const OutputError&) {
        throw;
    } catch (const std::exception& e) {
        throw OutputError("cannot write '" + path + "': " + e.what());
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(rewritten->getBuffer()), std::streamsize(rewritten->getSize()));
    out.close();
    if (!out) throw OutputError("cannot write '" + path + "': the disk refused the layers");
}

}  // namespace atlas
