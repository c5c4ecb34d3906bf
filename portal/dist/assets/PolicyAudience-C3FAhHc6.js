import{t as e}from"./useTranslation-BHcLAHjw.js";import{o as t}from"./usePageTitle-CUEgSYxO.js";import{t as n}from"./audience-BZxjt0Ee.js";import{t as r}from"./jsx-runtime-Wy9s6hX0.js";var i=r();t(`
  fragment AudienceFields on Audience {
    all
    tiers
    channels {
      id
      name
      nameZh
    }
    territories {
      id
      name
      nameZh
    }
    dealers {
      id
      name
    }
  }
`);function a({audience:t}){let{t:r,i18n:a}=e();return(0,i.jsx)(`span`,{className:`audience`,children:n(r,t,a.language===`zh`?`zh-CN`:`en`)})}export{a as t};