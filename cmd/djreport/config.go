package main

import (
	"errors"
	"os"
	"strings"

	"github.com/spf13/viper"

	"djreport/extract"
	"djreport/report"
)

// config is config.yaml as the commands use it.
type config struct {
	Period       string               `mapstructure:"period"`
	Sources      []string             `mapstructure:"sources"`
	Out          string               `mapstructure:"out"`
	Template     string               `mapstructure:"template"`
	SummaryTpl   string               `mapstructure:"summary_template"`
	Font         string               `mapstructure:"font"`
	MappingFiles []string             `mapstructure:"mapping_files"`
	Sections     map[string][]string  `mapstructure:"sections"`
	Units        []extract.UnitConfig `mapstructure:"units"`
	Level        string               `mapstructure:"level"`
	Brief        briefConfig          `mapstructure:"brief"`
	Workers      int                  `mapstructure:"workers"`

	path string // the config file read, "" when none
}

type briefConfig struct {
	Masthead string `mapstructure:"masthead"`
	Issue    string `mapstructure:"issue"`
	Issuer   string `mapstructure:"issuer"`
	Date     string `mapstructure:"date"`
}

func (b briefConfig) options() report.BriefOptions {
	return report.BriefOptions{Masthead: b.Masthead, Issue: b.Issue, Issuer: b.Issuer, Date: b.Date}
}

// newViper sets defaults and the environment (DJREPORT_OUT …); flags are
// bound by each command, so flags > environment > config.yaml > defaults.
func newViper() *viper.Viper {
	v := viper.New()
	v.SetDefault("period", "2024Q4")
	v.SetDefault("sources", []string{"samples"})
	v.SetDefault("out", "")
	v.SetDefault("template", "templates/quarterly.xlsx")
	v.SetDefault("summary_template", "templates/summary.xlsx")
	v.SetDefault("font", "templates/fonts/wqy-microhei.ttf")
	v.SetDefault("mapping_files", []string{"mapping/standard.yaml"})
	v.SetDefault("workers", 0)
	v.SetDefault("level", extract.ReportAuto)
	v.SetEnvPrefix("DJREPORT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	return v
}

// loadConfig reads the config file. The default ./config.yaml may be
// missing (defaults apply); a file named with --config must exist.
func loadConfig(v *viper.Viper, path string, explicit bool) (*config, error) {
	if _, err := os.Stat(path); err == nil {
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, usagef("配置文件 %s 有误：%v", path, err)
		}
	} else if explicit || !errors.Is(err, os.ErrNotExist) {
		return nil, usagef("无法读取配置文件 %s：%v", path, err)
	} else {
		path = ""
	}
	var c config
	if err := v.Unmarshal(&c); err != nil {
		return nil, usagef("配置文件 %s 有误：%v", path, err)
	}
	c.path = path
	if c.Out == "" {
		c.Out = "out/" + c.Period
	}
	for s := range c.Sections {
		if !extract.Section(s).Valid() {
			return nil, usagef("配置文件 %s：sections 中的未知板块「%s」（应为 抓队伍、建机制、促发展、强治理 之一）", path, s)
		}
	}
	switch c.Level {
	case extract.ReportAuto, extract.ReportCity, extract.ReportCounty:
	default:
		return nil, usagef("配置文件 %s：level「%s」无效（应为 auto、city 或 county）", path, c.Level)
	}
	if c.Workers < 0 {
		return nil, usagef("workers 不能为负数：%d", c.Workers)
	}
	return &c, nil
}

func (c *config) extractConfig() extract.Config {
	lex := extract.Lexicon{}
	for s, words := range c.Sections {
		lex[extract.Section(s)] = words
	}
	return extract.Config{Lexicon: lex, Units: c.Units, Level: c.Level}
}
