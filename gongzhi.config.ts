import { defineConfig } from '@gongzhi/server';
import beihai from '@gongzhi/plugin-beihai';
import huayuankou from '@gongzhi/plugin-huayuankou';
import sanming from '@gongzhi/plugin-sanming';
import weicheng from '@gongzhi/plugin-weicheng';
import hezhang from '@gongzhi/plugin-hezhang';

/**
 * The demo deployment: the localities the policy documents name, and the regimes each enables.
 * `npm start` serves it on the embedded database with sample data.
 */
export default defineConfig({
  plugins: [beihai, huayuankou, sanming, weicheng, hezhang],
  localities: [
    { code: '450000', name: '广西壮族自治区' },
    { code: '450500', name: '北海市' },
    { code: '450502', name: '海城区' },
    { code: '450503', name: '银海区' },
    { code: '350000', name: '福建省' },
    { code: '350400', name: '三明市' },
    // 梅列区 and 三元区 merged into the new 三元区 (350404) in 2021: the Sanming seed records the merger.
    { code: '350401', name: '市辖区' },
    { code: '350402', name: '梅列区' },
    { code: '350403', name: '三元区' },
    { code: '350404', name: '三元区' },
    { code: '520000', name: '贵州省' },
    { code: '520500', name: '毕节市' },
    { code: '520527', name: '赫章县' },
    { code: '410000', name: '河南省' },
    { code: '410100', name: '郑州市' },
    { code: '410108', name: '惠济区' },
    // 9-digit township code (county + 3), as in the 统计用区划代码; verify before real use.
    { code: '410108101', name: '花园口镇' },
    { code: '370000', name: '山东省' },
    { code: '370700', name: '潍坊市' },
    { code: '370702', name: '潍城区' },
  ],
  governance: [
    { locality: '350400', plugin: 'sanming', options: {} },
    { locality: '450500', plugin: 'beihai', options: {} },
    { locality: '410108', plugin: 'huayuankou', options: {} },
    { locality: '370702', plugin: 'weicheng', options: {} },
    { locality: '520527', plugin: 'hezhang', options: {} },
  ],
  server: { host: '127.0.0.1', port: 4000 },
  database: { dataDir: '.gongzhi-data' },
  demo: { county: '520527' },
});
