-- Every word of the closed lists: list, key, zh, en, in the vocabulary's order.
SELECT 'statuses' AS list, status AS key, name_zh, name_en, sort FROM statuses
UNION ALL SELECT 'qualifiers', qualifier, name_zh, name_en, sort FROM qualifiers
UNION ALL SELECT 'kinds', kind, name_zh, name_en, sort FROM kinds
UNION ALL SELECT 'directions', direction, name_zh, name_en, sort FROM directions
UNION ALL SELECT 'themes', theme, name_zh, name_en, sort FROM themes
UNION ALL SELECT 'units', unit, name_zh, name_en, sort FROM units
ORDER BY list, sort;
