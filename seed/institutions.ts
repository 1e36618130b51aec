// The catalogue of real-looking Chinese financial institutions the synthetic world files against and banks with.
import type { InstitutionType } from '../src/shared/domain.js';

export interface InstitutionSpec {
  readonly name: string;
  readonly institutionType: InstitutionType;
  /** Short code used in `source` strings, e.g. `bank:ICBC`. */
  readonly code: string;
  /** Telephone area code of the head office; hotlines and branch numbers are drawn in it. */
  readonly areaCode: string;
  /** Card BIN and card length, for banks that issue cards. */
  readonly card?: { readonly bin: string; readonly length: 16 | 17 | 18 | 19 };
}

const bank = (name: string, code: string, areaCode: string, bin: string, length: 16 | 17 | 18 | 19) =>
  ({
    name,
    institutionType: 'bank',
    code,
    areaCode,
    card: { bin, length },
  }) as const satisfies InstitutionSpec;
const of = (
  name: string,
  institutionType: InstitutionType,
  code: string,
  areaCode: string,
): InstitutionSpec => ({
  name,
  institutionType,
  code,
  areaCode,
});

export const INSTITUTIONS: readonly InstitutionSpec[] = [
  bank('中国工商银行', 'ICBC', '010', '622202', 19),
  bank('中国农业银行', 'ABC', '010', '622848', 19),
  bank('中国银行', 'BOC', '010', '621661', 19),
  bank('中国建设银行', 'CCB', '010', '621700', 19),
  bank('交通银行', 'BOCOM', '021', '622262', 19),
  bank('中国邮政储蓄银行', 'PSBC', '010', '621799', 19),
  bank('招商银行', 'CMB', '0755', '622588', 16),
  bank('上海浦东发展银行', 'SPDB', '021', '622521', 16),
  bank('中信银行', 'CITIC', '010', '622690', 16),
  bank('中国光大银行', 'CEB', '010', '622660', 16),
  bank('华夏银行', 'HXB', '010', '622630', 16),
  bank('中国民生银行', 'CMBC', '010', '622622', 16),
  bank('广发银行', 'CGB', '020', '622568', 16),
  bank('平安银行', 'PAB', '0755', '622155', 19),
  bank('兴业银行', 'CIB', '0591', '622909', 18),
  bank('浙商银行', 'CZB', '0571', '621552', 19),
  bank('北京银行', 'BOB', '010', '621468', 16),
  bank('上海银行', 'BOSC', '021', '622892', 17),
  bank('江苏银行', 'JSB', '025', '622173', 19),
  bank('宁波银行', 'NBCB', '0574', '622281', 16),
  bank('深圳前海微众银行', 'WEBANK', '0755', '621060', 19),
  bank('浙江网商银行', 'MYBANK', '0571', '621593', 19),
  of('中国人寿保险股份有限公司', 'insurer', 'CHINALIFE', '010'),
  of('中国平安人寿保险股份有限公司', 'insurer', 'PINGANLIFE', '0755'),
  of('中国太平洋人寿保险股份有限公司', 'insurer', 'CPICLIFE', '021'),
  of('新华人寿保险股份有限公司', 'insurer', 'NCI', '010'),
  of('泰康人寿保险有限责任公司', 'insurer', 'TAIKANG', '010'),
  of('中国人民财产保险股份有限公司', 'insurer', 'PICC', '010'),
  of('太平人寿保险有限公司', 'insurer', 'TAIPINGLIFE', '021'),
  of('友邦人寿保险有限公司', 'insurer', 'AIALIFE', '021'),
  of('阳光人寿保险股份有限公司', 'insurer', 'SUNSHINELIFE', '010'),
  of('富德生命人寿保险股份有限公司', 'insurer', 'SINOLIFE', '0755'),
  of('华夏人寿保险股份有限公司', 'insurer', 'HUAXIALIFE', '022'),
  of('众安在线财产保险股份有限公司', 'insurer', 'ZHONGAN', '021'),
  of('招联消费金融股份有限公司', 'consumer_finance', 'MUCFC', '0755'),
  of('马上消费金融股份有限公司', 'consumer_finance', 'MSXF', '023'),
  of('兴业消费金融股份公司', 'consumer_finance', 'CIBCF', '0591'),
  of('中银消费金融有限公司', 'consumer_finance', 'BOCCF', '021'),
  of('捷信消费金融有限公司', 'consumer_finance', 'HCCN', '028'),
  of('海尔消费金融有限公司', 'consumer_finance', 'HAIERCF', '0532'),
  of('中邮消费金融有限公司', 'consumer_finance', 'ZYCF', '020'),
  of('苏宁消费金融有限公司', 'consumer_finance', 'SUNINGCF', '025'),
  of('平安消费金融有限公司', 'consumer_finance', 'PACF', '0755'),
  of('支付宝（中国）网络技术有限公司', 'platform', 'ALIPAY', '0571'),
  of('财付通支付科技有限公司', 'platform', 'TENPAY', '0755'),
  of('京东金融', 'platform', 'JDF', '010'),
  of('度小满金融', 'platform', 'DXM', '010'),
  of('360数科', 'platform', 'QFIN', '021'),
  of('美团金融', 'platform', 'MEITUAN', '010'),
  of('陆金所', 'platform', 'LUFAX', '021'),
  of('信也科技', 'platform', 'FINV', '021'),
  of('分期乐', 'platform', 'LEXIN', '0755'),
  of('微信', 'platform', 'WECHAT', '0755'),
  of('腾讯QQ', 'platform', 'QQ', '0755'),
  of('中信证券股份有限公司', 'securities', 'CITICS', '0755'),
  of('华泰证券股份有限公司', 'securities', 'HTSC', '025'),
  of('国泰君安证券股份有限公司', 'securities', 'GTJA', '021'),
  of('东方财富证券股份有限公司', 'securities', 'EMSEC', '021'),
  of('招商证券股份有限公司', 'securities', 'CMSEC', '0755'),
  of('广发证券股份有限公司', 'securities', 'GFSEC', '020'),
  of('海通证券股份有限公司', 'securities', 'HTSEC', '021'),
  of('中国银河证券股份有限公司', 'securities', 'CGS', '010'),
  of('中国国际金融股份有限公司', 'securities', 'CICC', '010'),
  of('中国银联股份有限公司', 'other', 'UNIONPAY', '021'),
  of('百行征信有限公司', 'other', 'BAIHANG', '0755'),
];

const SOURCE_PREFIX: Record<InstitutionType, string> = {
  bank: 'bank',
  insurer: 'insurer',
  consumer_finance: 'lender',
  platform: 'platform',
  securities: 'broker',
  other: 'org',
};

/** The reporting-party string for facts an institution feeds in, e.g. `bank:ICBC`. */
export const sourceOf = (inst: InstitutionSpec): string =>
  `${SOURCE_PREFIX[inst.institutionType]}:${inst.code}`;

export const byType = (t: InstitutionType): InstitutionSpec[] =>
  INSTITUTIONS.filter((i) => i.institutionType === t);

// NOTE: online lending platforms lend too, so debt complaints also land on them.
const LENDING_PLATFORMS = new Set(['JDF', 'DXM', 'QFIN', 'MEITUAN', 'LUFAX', 'FINV', 'LEXIN']);

export const BANKS = byType('bank');
export const INSURERS = byType('insurer');
export const LENDERS = [
  ...byType('consumer_finance'),
  ...byType('platform').filter((p) => LENDING_PLATFORMS.has(p.code)),
];
export const SECURITIES = byType('securities');
export const ALIPAY = mustFind('ALIPAY');
export const TENPAY = mustFind('TENPAY');
export const WECHAT = mustFind('WECHAT');
export const QQ = mustFind('QQ');

/** Regulators that receive complaints; they are sources only, never Institution nodes. */
export const REGULATOR_SOURCES = {
  nfra: 'regulator:NFRA-12378',
  pboc: 'regulator:PBOC-12363',
  csrc: 'regulator:CSRC-12386',
} as const;
/** 黑猫投诉-style public complaint platform. */
export const COMPLAINT_PLATFORM_SOURCE = 'platform:HEIMAO';

function mustFind(code: string): InstitutionSpec {
  const found = INSTITUTIONS.find((i) => i.code === code);
  if (found === undefined) throw new Error(`no institution ${code}`);
  return found;
}
