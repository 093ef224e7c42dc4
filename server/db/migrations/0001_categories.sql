-- The bilingual two-level category tree of PRODUCT.md (Discovery), modelled on Zhubajie's.
CREATE TABLE categories (
  id        text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,40}$'),
  parent_id text REFERENCES categories (id),
  name_zh   text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 40),
  name_en   text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
  position  integer NOT NULL,
  -- Two levels only: a child's parent must itself be a root (enforced by the seed and by review;
  -- a CHECK cannot look at another row).
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent_idx ON categories (parent_id, position);

INSERT INTO categories (id, parent_id, name_zh, name_en, position) VALUES
  ('brand',            NULL,      '品牌设计',   'Brand design',          1),
  ('logo',             'brand',   '标志设计',   'Logo design',           1),
  ('vi',               'brand',   'VI设计',     'Visual identity (VI)',  2),
  ('packaging',        'brand',   '包装设计',   'Packaging design',      3),
  ('poster',           'brand',   '海报设计',   'Posters & flyers',      4),
  ('illustration',     'brand',   '插画设计',   'Illustration',          5),
  ('naming',           NULL,      '起名',       'Naming',                2),
  ('company-naming',   'naming',  '公司起名',   'Company naming',        1),
  ('product-naming',   'naming',  '产品起名',   'Product naming',        2),
  ('slogan',           'naming',  '广告语',     'Slogans',               3),
  ('copywriting',      NULL,      '文案',       'Copywriting',           3),
  ('marketing-copy',   'copywriting', '营销文案', 'Marketing copy',      1),
  ('article',          'copywriting', '软文撰写', 'Articles',            2),
  ('translation',      'copywriting', '翻译',     'Translation',         3),
  ('it',               NULL,      'IT/软件',    'IT & software',         4),
  ('website',          'it',      '网站建设',   'Websites',              1),
  ('mini-program',     'it',      '小程序开发', 'Mini-programs',         2),
  ('app',              'it',      'App开发',    'Apps',                  3),
  ('ui-design',        'it',      'UI设计',     'UI design',             4),
  ('marketing',        NULL,      '营销推广',   'Marketing',             5),
  ('social-media',     'marketing', '新媒体运营', 'Social media',        1),
  ('short-video',      'marketing', '短视频制作', 'Short video',         2),
  ('seo',              'marketing', '搜索优化',   'SEO & search ads',    3),
  ('ip',               NULL,      '知识产权',   'Intellectual property', 6),
  ('trademark',        'ip',      '商标注册',   'Trademark filing',      1),
  ('copyright',        'ip',      '版权登记',   'Copyright registration', 2),
  ('patent',           'ip',      '专利申请',   'Patent application',    3);
