// Chinese personal and company names for synthetic actors, drawn with realistic surname frequencies.
import type { Rng } from './rng.js';

// Roughly by frequency: the first few surnames cover a large share of the population, as in reality,
// so same-surname coincidences among unrelated people are common (names must never identify rings).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const SURNAME_WEIGHTS: readonly (readonly [string, number])[] = SURNAMES.map(
  (s, i) => [s, 1 / (i + 8)] as const,
);

const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力鹏飞宇浩然俊凯欣怡雪梅晨阳佳琪子涵思远博文海燕志强永庆春梅秋菊冬梅德福金凤淑珍秀英玉梅晓东晓燕小红小军立新爱国建华建军红梅丽娟婷婷欣悦梓萱一诺雨桐若曦浩宇宇轩子墨俊熙天佑嘉怡诗涵可馨明轩振宇志华'.split(
    '',
  );

export function personName(rng: Rng, surname?: string): string {
  const family = surname ?? rng.weighted(SURNAME_WEIGHTS);
  const len = rng.chance(0.78) ? 2 : 1;
  let given = '';
  for (let i = 0; i < len; i++) given += rng.pick(GIVEN);
  return family + given;
}

export const surnameOf = (name: string): string => name.slice(0, 1);

const CITIES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '成都',
  '武汉',
  '南京',
  '重庆',
  '西安',
  '长沙',
  '郑州',
  '苏州',
  '合肥',
  '济南',
  '福州',
  '东莞',
  '佛山',
];
const TRADE_NAMES = [
  '正信',
  '诚和',
  '安达',
  '泰和',
  '明德',
  '信达',
  '汇通',
  '鼎盛',
  '恒远',
  '中和',
  '德润',
  '公正',
  '天平',
  '华章',
  '君诚',
  '锦程',
  '金盾',
  '盈科',
  '卓越',
  '瑞丰',
  '启航',
  '融信',
  '宏图',
  '长安',
];

export function lawFirmName(rng: Rng): string {
  return `${rng.pick(CITIES)}${rng.pick(TRADE_NAMES)}${rng.pick(['', '律师', '法律'])}律师事务所`.replace(
    '律师律师',
    '律师',
  );
}

export type FrontKind = 'consulting' | 'legal_service' | 'asset_management' | 'investment';
const FRONT_SUFFIX: Record<FrontKind, readonly string[]> = {
  consulting: ['信息咨询服务有限公司', '商务咨询有限公司', '企业管理咨询有限公司'],
  legal_service: ['法律咨询服务有限公司', '法务咨询有限公司', '维权服务工作室'],
  asset_management: ['资产管理有限公司', '商务信息咨询有限公司', '企业服务外包有限公司'],
  investment: ['投资咨询有限公司', '财经信息咨询有限公司', '投资管理有限公司'],
};

/** The registered name of a front company, the kind ring organizers trade under. */
export function frontCompanyName(rng: Rng, kind: FrontKind): string {
  return `${rng.pick(CITIES)}${rng.pick(TRADE_NAMES)}${rng.pick(['', '众', '汇', '联'])}${rng.pick(FRONT_SUFFIX[kind])}`;
}
