package lrmx

import (
	"bytes"
	"testing"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// FuzzDecode checks that Decode never panics, refuses only with an Invalid
// fault, and that what it reads is written back byte for byte and reads
// back the same; and that the canonical form of the same data (no Extras)
// reads back the same data too.
func FuzzDecode(f *testing.F) {
	for _, name := range samples {
		f.Add(readSample(f, name))
	}
	for _, s := range []string{
		"<Person/>",
		"<Person><XingMing>张  三</XingMing><XingMing>李四</XingMing></Person>",
		"\ufeff<?xml version=\"1.0\"?>\n<Person>\n\t<JianLi>2001.01--\n（其间：x）</JianLi>\n</Person>\n<!-- after -->",
		"<Person><JiaTingChengYuan><Item><ChengWei>父亲</ChengWei></Item><Item/></JiaTingChengYuan></Person>",
		"<Person><ZhaoPian>\n/9j/\n4AAQ\n</ZhaoPian></Person>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := decodeLRMX("fuzz.lrmx", in)
		if err != nil {
			if !fault.Is(err, fault.Invalid) {
				t.Fatalf("error %v is not an Invalid fault", err)
			}
			return
		}
		out := encode(d)
		if !bytes.Equal(out, in) {
			t.Fatalf("not lossless:\n%s", firstDiff(out, in))
		}
		again, err := decodeLRMX("fuzz.lrmx", out)
		if err != nil {
			t.Fatalf("re-encoded file does not decode: %v", err)
		}
		if !sameData(d, again) || d.Extras != again.Extras {
			t.Fatalf("re-encoded file reads back differently")
		}
		checkCanonical(t, d)
	})
}

// FuzzDecodeLRM checks that DecodeLRM never panics, refuses only with an
// Invalid fault, and that what it reads is written as LRMX and reads back
// the same.
func FuzzDecodeLRM(f *testing.F) {
	f.Add(writeLRM(f, lrmFixture()), []byte{0xFF, 0xD8, 0xFF, 0xD9})
	f.Add([]byte(`"a","b"`), []byte(nil))
	f.Add([]byte("\"\"\"\",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\r\n"), []byte(nil))
	f.Add([]byte(",,,,,,,,,,,,,,,,,,,,@@,@,,,,,,,,,,,,\xd5\xc5"), []byte{1})
	f.Fuzz(func(t *testing.T, lrm, pic []byte) {
		d, err := DecodeLRM(lrm, pic)
		if err != nil {
			if !fault.Is(err, fault.Invalid) {
				t.Fatalf("error %v is not an Invalid fault", err)
			}
			return
		}
		out := encode(d)
		again, err := decodeLRMX("fuzz.lrmx", out)
		if err != nil {
			t.Fatalf("the LRMX written does not decode: %v\n%s", err, out)
		}
		if !sameData(d, again) {
			t.Fatalf("the LRMX written reads back differently:\n%s\n%s", dump(t, d), dump(t, again))
		}
		if !bytes.Equal(encode(again), out) {
			t.Fatalf("the LRMX written is not stable")
		}
		checkCanonical(t, d)
	})
}

// checkCanonical writes d without its Extras and reads it back: the data
// must survive, so an edited dossier exports what it holds.
func checkCanonical(t *testing.T, d *person.Dossier) {
	t.Helper()
	c := *d
	c.Extras = ""
	back, err := decodeLRMX("canonical.lrmx", encode(&c))
	if err != nil {
		t.Fatalf("canonical form does not decode: %v", err)
	}
	if !sameData(&c, back) {
		t.Fatalf("canonical form reads back differently:\n%s\n%s", dump(t, &c), dump(t, back))
	}
}

// TestCanonicalReadsBack runs the canonical check on forms the fuzzers are
// unlikely to build.
func TestCanonicalReadsBack(t *testing.T) {
	for _, body := range []string{
		"<ChuShengNianYue>19750312</ChuShengNianYue><RuDangShiJian>1995-06-15</RuDangShiJian>",
		"<ChuShengNianYue>1975.03.12</ChuShengNianYue><ShenFenZheng>411724197503120054</ShenFenZheng>",
		"<JianLi>前言\n2016.03--\u3000\u30002001.01 旧\n（其间：挂职锻炼）\n  续行\n2001.01--2002.01  （其间：x）</JianLi>",
		"<JiangChengQingKuang>2001年x；无</JiangChengQingKuang><NianDuKaoHeJieGuo>2019年、2020年考核均为基本合格</NianDuKaoHeJieGuo>",
		"<JiangChengQingKuang>2001年5月记三等功。\n2003年受到警告处分</JiangChengQingKuang>",
		"<QuanRiZhiJiaoYu_XueWei>学士</QuanRiZhiJiaoYu_XueWei><ZaiZhiJiaoYu_XueLi>大学（函授）</ZaiZhiJiaoYu_XueLi>",
		"<QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi>只有学位院校</QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi>",
		"<JiaTingChengYuan><Item><XingMing>张  三</XingMing><ChuShengRiQi>19400512</ChuShengRiQi><GongZuoDanWeiJiZhiWu>病故</GongZuoDanWeiJiZhiWu></Item><Item><ChuShengRiQi>无</ChuShengRiQi></Item></JiaTingChengYuan>",
		"<XingBie>其他</XingBie><MinZu>穿青人</MinZu><JianKangZhuangKuang>良好</JianKangZhuangKuang><ShenFenZheng>41172419701104004x</ShenFenZheng>",
	} {
		d, err := decodeLRMX("t.lrmx", []byte("<Person>"+body+"</Person>"))
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if got := string(encode(d)); got != "<Person>"+body+"</Person>" {
			t.Errorf("round trip of %s gave %s", body, got)
		}
		checkCanonical(t, d)
	}
}
