import { idNumberCheckChar } from "../persons/id-number.ts";

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘".split("");
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红海燕文斌浩宇俊峰晓东".split("");
const TYPES = ["probation", "probation", "probation", "parole", "control", "temporary_release"] as const;

/** A small deterministic generator, so that every fresh install seeds the same demo people. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticPerson {
  name: string;
  gender: "male" | "female";
  idNumber: string;
  phone: string;
  supervisionType: (typeof TYPES)[number];
  startDate: string;
  endDate: string;
}

export function syntheticPersons(count: number, areaCode: string, seed: number): SyntheticPerson[] {
  const random = mulberry32(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return Array.from({ length: count }, (_, index) => {
    const given = pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : "");
    const year = 1965 + Math.floor(random() * 40);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const sequence = pad(Math.floor(random() * 999), 3);
    const first17 = `${areaCode}${year}${pad(month, 2)}${pad(day, 2)}${sequence}`;
    const startYear = 2024 + Math.floor(random() * 3);
    const startMonth = 1 + Math.floor(random() * 12);
    const months = 6 + Math.floor(random() * 36);
    const start = new Date(Date.UTC(startYear, startMonth - 1, 1 + (index % 28)));
    const end = new Date(Date.UTC(startYear, startMonth - 1 + months, 1 + (index % 28)));
    return {
      name: pick(SURNAMES) + given,
      // The 17th digit of an ID number is odd for men and even for women.
      gender: Number(sequence[2]) % 2 === 1 ? "male" : "female",
      idNumber: first17 + idNumberCheckChar(first17),
      phone: `13${Math.floor(random() * 10)}${pad(Math.floor(random() * 1e8), 8)}`,
      supervisionType: pick(TYPES),
      startDate: start.toISOString().slice(0, 10),
      endDate: end.toISOString().slice(0, 10),
    };
  });
}
