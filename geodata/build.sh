#!/usr/bin/env bash
# geodata/build.sh - rebuild geodata/atlas.gpkg (Central Asia and neighbours) from Natural Earth.
#
# Debian packages needed:
#   qgis-common  - provides the source /usr/share/qgis/resources/data/world_map.gpkg
#                  (Natural Earth 1:10m admin-1 v4.1.0, generalised by QGIS; public domain)
#   gdal-bin     - ogr2ogr / ogrinfo (Debian's GDAL is built with SpatiaLite + GEOS, which the
#                  SQLite-dialect SQL below needs: ST_Union, ST_Intersection, ST_LineMerge, ...)
# Nothing else (no python).  Usage:  bash geodata/build.sh
#
# Deterministic: fixed OGR_CURRENT_DATE, every output layer written with ORDER BY, output file
# deleted before the rebuild.  Two runs give byte-identical files (checked with sha256sum).
set -euo pipefail

export OGR_CURRENT_DATE="2024-01-01T00:00:00Z"   # timestamps in gpkg_contents
export LC_ALL=C
export OGR_SQLITE_CACHE=512                      # MB, speeds up the pairwise SQL

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="${ATLAS_SRC:-/usr/share/qgis/resources/data/world_map.gpkg}"
OUT="$HERE/atlas.gpkg"

# Region: every country whose geometry intersects this lon/lat box is kept WHOLE ...
BBOX_W=22; BBOX_S=5; BBOX_E=125; BBOX_N=78
# ... provided at least MIN_SHARE of its area (in square degrees) lies inside the box.  This drops
# countries that only graze the frame edge (Kenya, DR Congo, Indonesia, Brunei, Japan, South
# Korea: 0-1 % inside) and keeps the file under 6 MB; everything else that touches the box stays.
MIN_SHARE=0.02
# bounding-box prefilter (SpatiaLite's MbrIntersects() does not read GeoPackage blobs: it returns -1)
IN_BOX="(MbrMinX(geom) <= $BBOX_E AND MbrMaxX(geom) >= $BBOX_W AND MbrMinY(geom) <= $BBOX_N AND MbrMaxY(geom) >= $BBOX_S)"
# Polygon parts at negative longitudes (Russia's Chukotka east of 180 deg, Norway's Jan Mayen)
# are clipped away: the map is projected around 65 E and they would wrap.

for tool in ogr2ogr ogrinfo; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install gdal-bin" >&2; exit 1; }
done
[ -r "$SRC" ] || { echo "missing $SRC: apt-get install qgis-common" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/atlas-build.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
W="$TMP/work.gpkg"

# stage NAME GEOMTYPE SQL : run SQLite-dialect SQL on the work file, store the result as a layer.
stage() {
  ogr2ogr -update "$W" "$W" -dialect SQLite -sql "$3" -nln "$1" -nlt "$2" -a_srs EPSG:4326
}
# val DB SQL : print the single value of column "v" of a one-row SQLite-dialect query.
val() {
  ogrinfo -q -ro -dialect SQLite -sql "$2" "$1" | sed -n 's/^  v ([^)]*) = //p'
}
# rows DB SQL : print all rows of a query as "col=value | col=value".
rows() {
  ogrinfo -q -ro -dialect SQLite -sql "$2" "$1" |
    awk '/^OGRFeature/ { if (line != "") print line; line = ""; next }
         /^  [A-Za-z_]+ \(/ { sub(/^  /, ""); sub(/ \([^)]*\) = /, "="); line = (line == "" ? $0 : line " | " $0) }
         END { if (line != "") print line }'
}
fail() { echo "CHECK FAILED: $*" >&2; exit 1; }

t0=$(date +%s)

# ---------------------------------------------------------------------------------------------
# Hand-made corrections per Natural Earth adm0_a3 code: ISO 3166 alpha-3 code, English short
# name and a one-sentence note for students.  Countries not listed keep iso_a3 = adm0_a3 and
# name = NE "admin".  Natural Earth has no -99 in adm0_a3 (the -99 / -1 values are in its
# iso_a2 / ISO_A3 fields, e.g. iso_a2 = '-1' for Baikonur, Siachen, Northern Cyprus,
# Somaliland ...), so for units without an ISO code we keep NE's adm0_a3 (KAB, KAS, CYN, ...).
# ---------------------------------------------------------------------------------------------
cat > "$TMP/meta.csv" <<'CSV'
adm0_a3,iso_a3,name,note
KAB,KAB,Baikonur,"Baikonur Cosmodrome: Kazakh territory leased to Russia (until 2050) for its space launch site; Natural Earth draws it as a separate unit with no ISO code, so KAB is Natural Earth's own code."
KAS,KAS,Siachen Glacier,"Glacier area in northern Kashmir held by India since 1984 and claimed by Pakistan; Natural Earth draws it as a separate disputed unit with no ISO code (KAS is Natural Earth's code)."
IND,IND,India,"India is drawn with the part of Kashmir it administers (Jammu and Kashmir with Ladakh, one province here) and with Arunachal Pradesh, which China claims; India also claims the Pakistani- and Chinese-held parts of Kashmir."
PAK,PAK,Pakistan,"Pakistan is drawn with the part of Kashmir it administers (Azad Kashmir and Gilgit-Baltistan, called Northern Areas here), which India claims."
CHN,CHN,China,"China is drawn with Aksai Chin and the Shaksgam valley (parts of Kashmir that India claims) and the Paracel Islands; Taiwan, Hong Kong and Macao are separate features here."
RUS,RUS,Russia,"Crimea and Sevastopol are drawn as Ukraine's until 17 March 2014 and as Russia's from 18 March 2014, when Russia annexed them (control.csv), which most states do not recognise; the part of Chukotka east of 180 degrees was cut off for this map."
UKR,UKR,Ukraine,"Crimea is drawn as Ukraine's until 17 March 2014 and as Russia's from 18 March 2014, when Russia annexed it (control.csv); most states recognise it as Ukrainian."
KAZ,KAZ,Kazakhstan,"The hole in Qyzylorda province is Baikonur, leased to Russia and drawn on its own; the Caspian Sea is open water, but the Aral Sea is not drawn at all: its area is land split between Kazakhstan and Uzbekistan."
UZB,UZB,Uzbekistan,"Sokh and Shakhimardan, the two small separate pieces in Kyrgyzstan, are Uzbek exclaves; the small hole near 70.6 E 41.0 N is Tajikistan's exclave Sarvan."
TJK,TJK,Tajikistan,"Vorukh (inside Kyrgyzstan) and Sarvan (inside Uzbekistan) are Tajik exclaves drawn as separate pieces."
KGZ,KGZ,Kyrgyzstan,"The three holes in Batken province are the Uzbek exclaves Sokh and Shakhimardan and the Tajik exclave Vorukh; the tiny Kyrgyz exclave Barak is not in this generalised data."
AZE,AZE,Azerbaijan,"Nakhchivan, the large separate piece between Armenia, Iran and Turkey, is an Azerbaijani exclave; two tiny pieces inside Armenia near 45 E 41 N are Azerbaijani enclaves and the hole near 45.5 E 40.6 N is Armenia's exclave Artsvashen."
GEO,GEO,Georgia,"Abkhazia and South Ossetia, breakaway regions recognised by Russia, are drawn as part of Georgia."
CYN,CYN,Northern Cyprus,"Northern Cyprus declared independence in 1983 but is recognised only by Turkey; Natural Earth draws it separately (CYN is Natural Earth's code)."
ESB,ESB,Dhekelia,"Dhekelia is a British Sovereign Base Area on Cyprus (ESB is Natural Earth's code); the small hole in it is land missing from the source data, probably the Cypriot enclave villages Ormideia and Xylotymbou."
WSB,WSB,Akrotiri,"Akrotiri is a British Sovereign Base Area on Cyprus (WSB is Natural Earth's code)."
SOL,SOL,Somaliland,"Somaliland has governed itself since 1991 but is internationally considered part of Somalia (SOL is Natural Earth's code)."
PGA,PGA,Spratly Islands,"Small islands in the South China Sea claimed wholly or partly by China, Taiwan, Vietnam, the Philippines, Malaysia and Brunei (PGA is Natural Earth's code)."
PSX,PSE,Palestine,"West Bank and Gaza Strip, one feature in two pieces (Natural Earth code PSX, ISO code PSE)."
TWN,TWN,Taiwan,"Taiwan is governed by the Republic of China and claimed by the People's Republic of China."
SDS,SSD,South Sudan,
SRB,SRB,Serbia,
ARM,ARM,Armenia,"The small separate piece inside Azerbaijan is Armenia's exclave Artsvashen; the two holes near 45 E 41 N are Azerbaijani enclaves."
OMN,OMN,Oman,"Musandam at the Strait of Hormuz and tiny Madha inside the United Arab Emirates are Omani exclaves; the hole in Madha is the Emirati village Nahwa."
ARE,ARE,United Arab Emirates,"The hole near 56.3 E 25.3 N is Oman's exclave Madha, and the tiny piece inside it is the Emirati village Nahwa."
NOR,NOR,Norway,"Norway includes Svalbard in the Arctic and tiny Bouvet Island in the South Atlantic (3 E, 54 S); Jan Mayen, west of 0 degrees, was cut off for this map."
ISR,ISR,Israel,"The Golan Heights, taken from Syria in 1967 and annexed by Israel in 1981 (recognised by few states), are drawn as part of Israel's Northern District (HaZafon) here."
SYR,SYR,Syria,"The Golan Heights are drawn as part of Israel here; the thin province called UNDOF is the UN-patrolled buffer zone."
MKD,MKD,North Macedonia,"Called Macedonia in this 2018 data; renamed North Macedonia in 2019."
HKG,HKG,Hong Kong,"Special administrative region of China, kept as a separate feature as in Natural Earth."
MAC,MAC,Macao,"Special administrative region of China, kept as a separate feature as in Natural Earth."
CSV

rm -f "$OUT"

# 1. source provinces (the whole world: neighbours outside the region are needed to tell land
#    borders from coasts) + the corrections table
ogr2ogr -f GPKG "$W" "$SRC" -dialect SQLite -nln src -nlt MULTIPOLYGON \
  -sql "SELECT fid * 1 AS src_fid, adm0_a3, admin, name, gn_name, woe_name, geom FROM states_provinces ORDER BY fid"
ogr2ogr -update "$W" "$TMP/meta.csv" -nln meta

# 2. all provinces, with owner code, region flag, and the negative-longitude clip for the region
stage allp MULTIPOLYGON "
WITH sel AS (
  SELECT adm0_a3 FROM src
  GROUP BY adm0_a3
  HAVING sum(CASE WHEN $IN_BOX
                  THEN ST_Area(ST_Intersection(geom,
                         BuildMbr($BBOX_W, $BBOX_S, $BBOX_E, $BBOX_N, 4326)))
                  ELSE 0 END) >= $MIN_SHARE * sum(ST_Area(geom))
     AND max($IN_BOX) = 1)
SELECT s.src_fid, s.adm0_a3,
  COALESCE(m.iso_a3, s.adm0_a3) AS iso_a3,
  COALESCE(m.name, s.admin) AS cname, m.note AS note,
  CASE WHEN s.adm0_a3 IN (SELECT adm0_a3 FROM sel) THEN 1 ELSE 0 END AS sel,
  -- province name; NE 4.1.0 gives some split provinces the name of their parent (fixed by hand)
  CASE
    WHEN s.adm0_a3 = 'AFG' AND s.gn_name = 'Panjshir' THEN 'Panjshir'
    WHEN s.adm0_a3 = 'AFG' AND s.gn_name = 'Wilayat-e Daykundi' THEN 'Daykundi'
    WHEN s.adm0_a3 = 'UZB' AND s.gn_name = 'Toshkent Shahri' THEN 'Tashkent (city)'
    WHEN s.adm0_a3 = 'KAS' THEN 'Siachen Glacier'   -- NE calls this single unit 'Kashmir'
    ELSE COALESCE(s.name, s.gn_name, s.woe_name, s.admin) END AS pname,
  CASE WHEN s.adm0_a3 IN (SELECT adm0_a3 FROM sel) AND MbrMinX(s.geom) < 0
       THEN CastToMultiPolygon(CollectionExtract(
              ST_Intersection(s.geom, BuildMbr(0, -90, 180, 90, 4326)), 3))
       ELSE CastToMultiPolygon(s.geom) END AS geom
FROM src s LEFT JOIN meta m ON m.adm0_a3 = s.adm0_a3
ORDER BY s.src_fid"
# drop provinces that the clip emptied (none expected, but be safe)
ogrinfo -q "$W" -dialect SQLite -sql "DELETE FROM allp WHERE geom IS NULL OR ST_IsEmpty(geom)" >/dev/null

# 3. shared edges between every region province and every touching province (same or other
#    country, in or out of the region).  The QGIS generalisation kept the admin-1 topology, so
#    neighbouring provinces share identical vertices and the intersection of their outlines is
#    exactly the common edge.
stage pedges MULTILINESTRING "
SELECT * FROM (
  SELECT a.iso_a3 AS iso_a, b.iso_a3 AS iso_b, a.cname AS name_a, b.cname AS name_b,
         a.src_fid AS fa, b.src_fid AS fb,
         CastToMultiLinestring(CollectionExtract(
           ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2)) AS geom
  FROM allp a
  JOIN rtree_allp_geom r
    ON r.minx <= MbrMaxX(a.geom) AND r.maxx >= MbrMinX(a.geom)
   AND r.miny <= MbrMaxY(a.geom) AND r.maxy >= MbrMinY(a.geom)
  JOIN allp b ON b.fid = r.id
  WHERE a.sel = 1 AND b.fid <> a.fid AND (b.sel = 0 OR a.fid < b.fid))
WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)
ORDER BY fa, fb"

# 4. countries = provinces dissolved on adm0_a3
stage countries_w MULTIPOLYGON "
SELECT iso_a3, cname AS name, note,
       CastToMultiPolygon(ST_Union(geom)) AS geom
FROM allp WHERE sel = 1 GROUP BY iso_a3 ORDER BY iso_a3"

# 5. land boundaries: one feature per unordered country pair
stage boundaries_w MULTILINESTRING "
SELECT iso_left, iso_right, name_left || ' – ' || name_right AS name,
       CastToMultiLinestring(ST_LineMerge(ST_Union(geom))) AS geom
FROM (SELECT CASE WHEN iso_a < iso_b THEN iso_a ELSE iso_b END AS iso_left,
             CASE WHEN iso_a < iso_b THEN iso_b ELSE iso_a END AS iso_right,
             CASE WHEN iso_a < iso_b THEN name_a ELSE name_b END AS name_left,
             CASE WHEN iso_a < iso_b THEN name_b ELSE name_a END AS name_right, geom
      FROM pedges WHERE iso_a <> iso_b)
GROUP BY iso_left, iso_right ORDER BY iso_left, iso_right"

# 6. internal province boundaries: one feature per country
stage province_boundaries_w MULTILINESTRING "
SELECT iso_a AS iso_a3, CastToMultiLinestring(ST_LineMerge(ST_Union(geom))) AS geom
FROM pedges WHERE iso_a = iso_b GROUP BY iso_a ORDER BY iso_a"

# 7. coastlines: country outline minus its land boundaries
stage coastlines_w MULTILINESTRING "
SELECT * FROM (
  SELECT c.iso_a3,
    CastToMultiLinestring(ST_LineMerge(CollectionExtract(
      CASE WHEN b.geom IS NULL THEN ST_Boundary(c.geom)
           ELSE ST_Difference(ST_Boundary(c.geom), b.geom) END, 2))) AS geom
  FROM countries_w c
  LEFT JOIN (SELECT iso, ST_Union(geom) AS geom FROM (
               SELECT iso_left AS iso, geom FROM boundaries_w
               UNION ALL SELECT iso_right, geom FROM boundaries_w) GROUP BY iso) b
    ON b.iso = c.iso_a3)
WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)
ORDER BY iso_a3"

# 8. write atlas.gpkg (exact layer and field names used by the C++ loader)
write() {  # write LAYER GEOMTYPE SQL
  ogr2ogr -f GPKG ${4:-} "$OUT" "$W" -dialect SQLite -sql "$3" -nln "$1" -nlt "$2" \
    -a_srs EPSG:4326 -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=YES
}
write countries MULTIPOLYGON "
SELECT iso_a3, name, COALESCE(note, '') AS note, geom FROM countries_w ORDER BY iso_a3"
write provinces MULTIPOLYGON "
SELECT iso_a3 || '-' || src_fid AS id, pname AS name, iso_a3, geom
FROM allp WHERE sel = 1 ORDER BY iso_a3, pname, src_fid" -update
write boundaries MULTILINESTRING "
SELECT iso_left, iso_right, name, geom FROM boundaries_w ORDER BY iso_left, iso_right" -update
write coastlines MULTILINESTRING "
SELECT iso_a3, geom FROM coastlines_w ORDER BY iso_a3" -update
write province_boundaries MULTILINESTRING "
SELECT iso_a3, geom FROM province_boundaries_w ORDER BY iso_a3" -update
# 512-byte pages (SQLite's minimum): most geometry rows overflow the default 4 KiB pages and the
# half-empty last pages waste ~0.5 MB; 4096 -> 6.35 MB, 512 -> 5.87 MB.
ogrinfo -q --config OGR_SQLITE_PRAGMA "page_size=512" "$OUT" -sql "VACUUM" >/dev/null

# 9. checks: the build fails if one does not hold
q() { val "$OUT" "$1" 2>/dev/null; }
expect0() {  # expect0 WHAT SQL-returning-v
  local got; got="$(q "$2")"; [ "$got" = 0 ] || fail "$1 (got '$got')"
}
for l in countries provinces boundaries coastlines province_boundaries; do
  expect0 "$l: null, empty, invalid or negative-longitude geometry" "
    SELECT count(*) AS v FROM $l WHERE geom IS NULL OR ST_IsEmpty(geom) OR NOT ST_IsValid(geom)
       OR MbrMinX(geom) < 0 OR MbrMaxX(geom) > 180 OR MbrMinY(geom) < -90 OR MbrMaxY(geom) > 90"
done
expect0 "countries.iso_a3 must be 3 capital letters, unique" "
  SELECT count(*) - count(DISTINCT iso_a3) + sum(iso_a3 NOT GLOB '[A-Z][A-Z][A-Z]') AS v FROM countries"
expect0 "countries.name must be set" "SELECT count(*) AS v FROM countries WHERE COALESCE(name, '') = ''"
expect0 "provinces.id unique, name set, iso_a3 in countries" "
  SELECT count(*) - count(DISTINCT id) + sum(COALESCE(name, '') = '')
       + sum(iso_a3 NOT IN (SELECT iso_a3 FROM countries)) AS v FROM provinces"
expect0 "boundaries: one feature per sorted pair, at least one side in countries" "
  SELECT count(*) - count(DISTINCT iso_left || iso_right) + sum(iso_left >= iso_right)
       + sum(iso_left NOT IN (SELECT iso_a3 FROM countries) AND iso_right NOT IN (SELECT iso_a3 FROM countries))
       + sum(iso_left NOT GLOB '[A-Z][A-Z][A-Z]' OR iso_right NOT GLOB '[A-Z][A-Z][A-Z]') AS v FROM boundaries"
for l in coastlines province_boundaries; do
  expect0 "$l: one feature per country of the countries layer" "
    SELECT count(*) - count(DISTINCT iso_a3) + sum(iso_a3 NOT IN (SELECT iso_a3 FROM countries)) AS v FROM $l"
done
# every country outline = its coastline + its land boundaries, each piece once
expect0 "outline length = coastline + boundaries for every country" "
  SELECT count(*) AS v FROM (
    SELECT abs(ST_Length(ST_Boundary(c.geom))
             - COALESCE((SELECT ST_Length(geom) FROM coastlines k WHERE k.iso_a3 = c.iso_a3), 0)
             - COALESCE((SELECT sum(ST_Length(geom)) FROM boundaries b
                         WHERE c.iso_a3 IN (b.iso_left, b.iso_right)), 0)) AS d
    FROM countries c) WHERE d > 1e-6"
expect0 "internal province boundaries must not lie on country outlines" "
  SELECT count(*) AS v FROM province_boundaries p JOIN countries c USING (iso_a3)
  WHERE ST_Length(ST_Intersection(p.geom, ST_Boundary(c.geom))) > 1e-9"
expect0 "Afghanistan must have the provinces Badakhshan and Balkh" "
  SELECT 2 - count(*) AS v FROM provinces WHERE iso_a3 = 'AFG' AND name IN ('Badakhshan', 'Balkh')"
expect0 "boundaries AFG-TJK, AFG-UZB, AFG-TKM must exist" "
  SELECT 3 - count(*) AS v FROM boundaries WHERE iso_left = 'AFG' AND iso_right IN ('TJK', 'UZB', 'TKM')"

t1=$(date +%s)
echo "Afghanistan's northern borders (length in degrees, geodesic length on WGS84):"
rows "$OUT" "
  SELECT name, round(ST_Length(geom), 4) AS degrees, round(ST_Length(geom, 1) / 1000, 1) AS km
  FROM boundaries WHERE iso_left = 'AFG' AND iso_right IN ('TJK', 'UZB', 'TKM') ORDER BY iso_right" 2>/dev/null
for l in countries provinces boundaries coastlines province_boundaries; do
  echo "$l: $(q "SELECT count(*) AS v FROM $l") features"
done
echo "built $OUT in $((t1 - t0)) s, $(stat -c %s "$OUT") bytes, all checks passed"

# The shipped data's checksums, checked at every load of the installed (or source-tree) data: run
# this line again after editing a table or the article by hand (README.md, "SHA256SUMS").
(cd "$HERE" && sha256sum atlas.gpkg article.json ./*.csv | sed 's#  \./#  #' > SHA256SUMS)
echo "wrote $HERE/SHA256SUMS"
